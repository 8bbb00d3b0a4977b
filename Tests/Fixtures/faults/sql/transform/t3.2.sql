-- stub: sleep 0.15
select 1;
