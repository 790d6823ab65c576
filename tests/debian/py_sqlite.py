# sqlite3 module: a file database, executemany, aggregates, joins, a
# recursive CTE, window functions, JSON and a rolled-back transaction
import sqlite3

con = sqlite3.connect("py.db")
cur = con.cursor()
cur.execute("create table item(id integer primary key, name text, price real, cat int)")
cur.executemany("insert into item(name, price, cat) values (?, ?, ?)",
                [("item%04d" % i, (i * 37 % 1000) / 10.0, i % 7) for i in range(2000)])
cur.execute("create table cat(id int primary key, label text)")
cur.executemany("insert into cat values (?, ?)", [(i, "cat-" + chr(65 + i)) for i in range(7)])
con.commit()
for row in cur.execute("select c.label, count(*), round(sum(i.price), 2), min(i.name), max(i.price) "
                       "from item i join cat c on c.id = i.cat group by c.label order by c.label"):
    print(row)
print(cur.execute("with recursive f(n, v) as (select 1, 1 union all select n + 1, v * (n + 1) % 1000003 "
                  "from f where n < 500) select sum(v), max(v) from f").fetchone())
for row in cur.execute("select name, price, rank() over (order by price desc, id) from item limit 5"):
    print(row)
print(cur.execute("select json_object('a', 1, 'b', json_array(1, 2, 'x'))").fetchone())
try:
    with con:
        con.execute("delete from item")
        raise RuntimeError("roll back")
except RuntimeError:
    pass
print(cur.execute("select count(*) from item").fetchone(), sqlite3.sqlite_version)
con.close()
