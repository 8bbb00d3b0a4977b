-- stub: sleep 0.5
select 1;
