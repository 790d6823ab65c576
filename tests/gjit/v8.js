// tests/gjit/v8.js: a small Node.js script that keeps V8's code generators
// busy under pvm (tests/gjit/run.sh runs it with Debian's arm64 node under
// pvm against the amd64 node natively): JSON, regular expressions (irregexp
// tiers them up to machine code), closures, typed arrays, a hot loop that
// TurboFan optimizes, a function that deoptimizes and is optimized again,
// polymorphic property accesses, and full collections that may move code.
// Run with --allow-natives-syntax (to force and check optimization: the
// %-calls) and --expose-gc.
// Invariant: every printed line is fixed by the script alone: no times,
// addresses, random numbers or memory sizes. JavaScript rounds every
// floating-point operation on its own (no fused multiply-add), so + - * /
// and Math.sqrt give the same bits everywhere; transcendental Math functions
// are left out: V8's C++ copies of them are compiled with fused multiply-add
// on arm64 (not on x86-64) and differ in the last bit.

'use strict';
const out = (name, ...v) => console.log(name + ': ' + v.join(' '));

// a 32-bit FNV-1a hash of a string, to print long results in a few bytes
function fnv(s) {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

// JSON: build, stringify, parse, stringify again (with a replacer and indent)
{
  const items = [];
  for (let i = 0; i < 1000; i++) {
    items.push({ id: i, name: 'item' + i, tags: ['t' + (i % 7), 't' + (i % 11)],
      price: i / 8, nested: { ok: i % 3 === 0, v: [i, -i, i * 0.5] } });
  }
  const s1 = JSON.stringify({ items, count: items.length });
  const back = JSON.parse(s1);
  const s2 = JSON.stringify(back, (k, v) => (k === 'price' ? Math.round(v) : v), 1);
  let total = 0;
  for (const it of back.items) total += it.price + it.nested.v.length;
  out('json', s1.length, fnv(s1), s2.length, fnv(s2), total, JSON.stringify(back.items[999]));
}

// regular expressions run often enough to be compiled to machine code
{
  const text = [];
  for (let i = 0; i < 1500; i++) text.push(`user${i}@host${i % 13}.example.org id=${i * 37} ok`);
  const joined = text.join('\n');
  let m, n = 0, sum = 0;
  const re = /user(\d+)@host(\d+)\.example\.org id=(?<id>\d+)/g;
  while ((m = re.exec(joined)) !== null) {
    n++;
    sum += Number(m.groups.id) % 1000 + Number(m[2]);
  }
  const replaced = joined.replace(/host(\d+)/g, (_, d) => 'H' + (d * 2));
  const words = joined.split(/\s+/).filter((w) => /^id=\d*7$/.test(w)).length;
  const sticky = /ok\n?/y;
  sticky.lastIndex = joined.indexOf('ok');
  const uni = 'Grüße, 世界! ÅÄÖ'.match(/\p{L}+/gu).join('|');
  out('regexp', n, sum, replaced.length, fnv(replaced), words, sticky.test(joined), uni);
}

// closures and higher-order functions
{
  const counters = [];
  for (let i = 0; i < 100; i++) {
    let c = i;
    counters.push(() => (c = (c * 31 + 7) % 1009));
  }
  let acc = 0;
  for (let r = 0; r < 1000; r++) for (const f of counters) acc += f();
  const arr = Array.from({ length: 20000 }, (_, i) => i);
  const r = arr.map((x) => x * 3).filter((x) => x % 7 === 1).reduce((a, b) => a + b, 0);
  const sorted = arr.slice(0, 5000).sort((a, b) => ((a * 7919) % 5003) - ((b * 7919) % 5003));
  out('closures', acc, r, sorted.slice(0, 6).join(','), fnv(sorted.join(',')));
}

// typed arrays and DataView
{
  const f64 = new Float64Array(50000);
  for (let i = 0; i < f64.length; i++) f64[i] = Math.sqrt(i) / (i + 1) - (i % 3) * 0.125;
  let s = 0;
  for (let i = 0; i < f64.length; i++) s += f64[i];
  const f32 = Float32Array.from(f64.subarray(0, 1000));
  let s32 = 0;
  for (const v of f32) s32 += v;
  const i32 = new Int32Array(65536);
  for (let i = 0; i < i32.length; i++) i32[i] = Math.imul(i, 2654435761) ^ (i << 7);
  let x = 0;
  for (let i = 0; i < i32.length; i++) x = (x + i32[i]) | 0;
  const u8 = new Uint8Array(i32.buffer);
  const dv = new DataView(i32.buffer);
  const be = dv.getUint32(400, false), le = dv.getUint32(400, true);
  dv.setFloat64(8, Math.PI, false);
  out('typed', s, s32, x, u8[401], be.toString(16), le.toString(16), i32[2], i32[3]);
}

// a hot loop: optimized by TurboFan, then checked to be optimized code
function hot(n) {
  let a = 0, b = 1;
  for (let i = 0; i < n; i++) {
    const t = (a + b) % 1000003;
    a = b;
    b = t ^ (i & 0xff);
  }
  return b;
}
{
  %PrepareFunctionForOptimization(hot);
  const before = hot(1000);
  %OptimizeFunctionOnNextCall(hot);
  const after = hot(1000);
  const big = hot(3000000);
  out('hot', before, after, big, (%GetOptimizationStatus(hot) & 16) !== 0);
}

// a function optimized for small integers, then given doubles and strings:
// it deoptimizes, and is optimized again for the new types
function add3(a, b, c) { return a + b * 2 + c; }
{
  %PrepareFunctionForOptimization(add3);
  let s = 0;
  for (let i = 0; i < 100; i++) s += add3(i, i + 1, 3);
  %OptimizeFunctionOnNextCall(add3);
  s += add3(1, 2, 3);
  const opt1 = (%GetOptimizationStatus(add3) & 16) !== 0;
  const d = add3(0.5, 1.25, 1e300);
  const str = add3('a', 2, 'b');
  const deopt = (%GetOptimizationStatus(add3) & 16) === 0;
  %PrepareFunctionForOptimization(add3);
  let t = '';
  for (let i = 0; i < 100; i++) t = add3(String(i), i, '/');
  %OptimizeFunctionOnNextCall(add3);
  t += add3('x', 0.5, 'y');
  const opt2 = (%GetOptimizationStatus(add3) & 16) !== 0;
  out('deopt', s, d, str, t, opt1, deopt, opt2);
}

// polymorphic and megamorphic property accesses over changing shapes
{
  class P { constructor(x) { this.x = x; } get dbl() { return this.x * 2; } }
  class Q extends P { constructor(x) { super(x); this.y = -x; } }
  const shapes = [];
  for (let i = 0; i < 20; i++) {
    const o = { x: i };
    for (let j = 0; j < i % 6; j++) o['f' + j] = j;
    shapes.push(o);
  }
  shapes.push(new P(5), new Q(7), Object.create(null));
  shapes[shapes.length - 1].x = 9;
  let sum = 0;
  for (let r = 0; r < 20000; r++) {
    const o = shapes[r % shapes.length];
    sum += o.x + (o.dbl || 0) + (o.y || 0);
  }
  const m = new Map();
  for (let i = 0; i < 20000; i++) m.set('k' + (i % 999), (m.get('k' + (i % 999)) || 0) + i);
  let big = 1n;
  for (let i = 1n; i <= 60n; i++) big *= i;
  out('shapes', sum, m.size, m.get('k998'), big.toString().length, fnv(big.toString()));
}

// new code after full collections (which may compact code space)
{
  const fns = [];
  for (let i = 0; i < 100; i++) fns.push(new Function('x', `return x * ${i} + ${i % 17};`));
  let s = 0;
  for (let r = 0; r < 30; r++) for (const f of fns) s += f(r);
  gc();
  gc();
  for (let r = 0; r < 30; r++) for (const f of fns) s -= f(r) - 1;
  out('gc', s);
}
console.log('done');
