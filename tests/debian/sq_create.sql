-- creates a database file, fills it, and queries it
create table t(id integer primary key, k text, v real, g int);
with recursive n(i) as (select 1 union all select i + 1 from n where i < 3000)
insert into t(k, v, g) select printf('key%05d', i), (i * 7919 % 10007) / 7.0, i % 13 from n;
create index t_g on t(g, v);
select g, count(*), printf('%.4f', avg(v)), min(k), max(k) from t group by g order by g;
select k, printf('%.6f', v) from t where g = 3 order by v desc limit 5;
select count(*) from t where k like 'key00%' and v between 10 and 500;
update t set v = v * 2 where g = 0;
delete from t where id % 10 = 0;
select total(v), count(*) from t;
pragma integrity_check;
