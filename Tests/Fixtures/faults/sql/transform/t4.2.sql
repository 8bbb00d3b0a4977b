-- stub: sleep 0.2
select 1;
