-- stub: sleep 0.1
select 1;
