-- queries the fixture database (made natively by make_fixture)
.headers on
.mode column
select dept, count(*) as n, sum(salary) as total, printf('%.2f', avg(salary)) as mean from emp group by dept order by dept;
select e.name, e.salary, rank() over (partition by e.dept order by e.salary desc) as r from emp e order by e.dept, r, e.name limit 12;
.mode csv
select name, upper(substr(name, 1, 3)), length(name), hex(name) from emp where id % 37 = 0;
select json_group_array(id) from (select id from emp where salary > 9900 order by id);
select date('2024-02-29', '+1 year'), strftime('%s', '2024-01-01 00:00:00'), julianday('2000-01-01');
with recursive c(x) as (select 1 union all select x * 3 % 1000003 from c limit 1000) select sum(x), max(x) from c;
.mode list
select count(*), sum(length(name)) from emp where name glob '*a*';
