-- stub: sleep 0.3
select 1;
