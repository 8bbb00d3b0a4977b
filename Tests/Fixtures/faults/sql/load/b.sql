-- stub: sleep 0.25
select 1;
