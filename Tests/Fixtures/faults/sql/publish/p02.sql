-- stub: sleep 0.4
select 1;
