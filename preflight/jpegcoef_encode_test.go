package preflight

import (
	"math/bits"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSymStreamKeepsOrderAcrossChunks(t *testing.T) {
	tests := []struct {
		name       string
		n          int
		wantChunks int
	}{
		{"empty", 0, 1},
		{"one entry", 1, 1},
		{"a full chunk", symChunk, 1},
		{"one past a chunk", symChunk + 1, 2},
		{"two and a half", 2*symChunk + symChunk/2, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := new(symStream)
			for i := range tt.n {
				s.add(uint32(i))
			}
			chunks := s.chunks()
			assert.Len(t, chunks, tt.wantChunks)
			next := uint32(0)
			for _, c := range chunks {
				for _, e := range c {
					if e != next {
						t.Fatalf("entry %d is %d", next, e)
					}
					next++
				}
			}
			assert.Equal(t, uint32(tt.n), next)
		})
	}
}

func TestSymEntryFields(t *testing.T) {
	tests := []struct {
		name       string
		sel        uint32
		sym, size  int
		extra      uint32
		wantExtra  uint32
		wantTable  uint32
		wantSymbol uint32
	}{
		{"DC of size 11", 1, 11, 11, 0x7FF, 0x7FF, 1, 11},
		{"AC run 15 size 10", 4 + 3, 0xFA, 10, 0x3FF, 0x3FF, 7, 0xFA},
		{"EOB", 4, 0, 0, 0, 0, 4, 0},
		{"extra bits above 16 are dropped", 0, 1, 1, 0x10001, 1, 0, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := symEntry(tt.sel, tt.sym, tt.size, tt.extra)
			assert.Zero(t, e&symRestart, "not a restart")
			assert.Equal(t, tt.wantExtra, e&(1<<symExtraBits-1))
			assert.Equal(t, tt.wantTable, e>>symTableAt&symTableMask)
			assert.Equal(t, tt.wantSymbol, e>>symSymbolAt&symSymbolMask)
			assert.Equal(t, uint32(tt.size), e>>symSizeAt&15)
		})
	}
}

func BenchmarkCount12MP(b *testing.B) {
	for _, c := range []content{contentScene, contentText} {
		coefs, err := decodeCoefs(encodeTest(b, photo(b, c, 4000, 3000, 1), 95), DefaultMaxPixels)
		if err != nil {
			b.Fatal(err)
		}
		tables, err := coefs.tablesAt(qualityMille(70))
		if err != nil {
			b.Fatal(err)
		}
		b.Run(string(c), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				coefs.count(tables)
			}
		})
	}
}

// countBlockBranchy is countBlock as it was before its sign went
// branch-free (session 11): zero, then coef, then magnitude with a
// branch on the sign. The reference of TestCountBlockIsTheBranchyCount.
func countBlockBranchy(src []int16, nz uint64, rq *requantizer, pred *int, sc *symCounter, rec *symStream) int {
	src = src[:64:64]
	dcF, acF := sc.dcF, sc.acF
	dc := int(rq.coef(0, src[0]))
	size, b := magnitudeBranchy(dc - *pred)
	*pred = dc
	dcF[size]++
	if rec != nil {
		rec.add(symEntry(sc.dcSel, size, size, b))
	}
	extra, last := size, 0
	for m := nz &^ 1; m != 0; m &= m - 1 {
		k := bits.TrailingZeros64(m) & 63
		if rq.zero(k, src[k]) {
			continue
		}
		v := rq.coef(k, src[k])
		run := k - last - 1
		for ; run >= 16; run -= 16 {
			acF[0xF0]++
			if rec != nil {
				rec.add(symEntry(sc.acSel, 0xF0, 0, 0))
			}
		}
		size, b := magnitudeBranchy(int(v))
		acF[run<<4|size]++
		if rec != nil {
			rec.add(symEntry(sc.acSel, run<<4|size, size, b))
		}
		extra += size
		last = k
	}
	if last < 63 {
		acF[0]++
		if rec != nil {
			rec.add(symEntry(sc.acSel, 0, 0, 0))
		}
	}
	return extra
}

// magnitudeBranchy is magnitude with a branch on the sign (T.81 F.1.2.1
// as written).
func magnitudeBranchy(v int) (int, uint32) {
	if v >= 0 {
		return bits.Len(uint(v)), uint32(v)
	}
	size := bits.Len(uint(-v))
	return size, uint32(v-1) & (1<<uint(size) - 1)
}

func TestMagnitudeIsTheBranchyOne(t *testing.T) {
	for v := -70000; v <= 70000; v++ {
		size, extra := magnitude(v)
		wantSize, wantExtra := magnitudeBranchy(v)
		if size != wantSize || extra != wantExtra {
			t.Fatalf("magnitude(%d) = %d, %#x; want %d, %#x", v, size, extra, wantSize, wantExtra)
		}
	}
}

// TestCountBlockIsTheBranchyCount: the same counts, extra bits, DC
// prediction and kept symbols as the reference, entry for entry, on
// random blocks of every density and magnitude (the extremes of int16
// among them), with new steps never finer than the old (tablesAt's, or
// the same tables), as every count's are.
func TestCountBlockIsTheBranchyCount(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 13))
	for i := range 3000 {
		old, nu := new([64]uint16), new([64]uint16)
		for k := range 64 {
			old[k] = uint16(1 + rng.IntN(255))
			if i%2 == 0 {
				old[k] = uint16(1 + rng.IntN(8))
			}
			nu[k] = old[k]
			if i%3 != 0 {
				nu[k] = max(old[k], uint16(1+rng.IntN(255)))
			}
		}
		rq := newRequantizer(old, nu)
		blk := make([]int16, 64)
		density := []float64{0, 0.05, 0.3, 0.7, 1}[i%5]
		for k := range 64 {
			if k == 0 || rng.Float64() < density {
				switch rng.IntN(4) {
				case 0:
					blk[k] = int16(rng.IntN(33) - 16)
				case 1:
					blk[k] = int16(rng.IntN(4097) - 2048)
				case 2:
					blk[k] = []int16{-32768, 32767, -2048, 2048, 1, -1, 15, -16, 16, -15}[rng.IntN(10)]
				default:
					blk[k] = int16(rng.Uint32())
				}
			}
		}
		var got, want symCounter
		got.dcF, got.acF, got.dcSel, got.acSel = new([257]int), new([257]int), 1, 5
		want.dcF, want.acF, want.dcSel, want.acSel = new([257]int), new([257]int), 1, 5
		pred, wantPred := rng.IntN(4001)-2000, 0
		wantPred = pred
		recGot, recWant := new(symStream), new(symStream)
		e := countBlock(packOf(blk), maskOf(blk), rq, &pred, &got, recGot)
		require.Equal(t, countBlockBranchy(blk, maskOf(blk), rq, &wantPred, &want, recWant), e, "block %d: extra bits", i)
		require.Equal(t, wantPred, pred, "block %d", i)
		require.Equal(t, *want.dcF, *got.dcF, "block %d", i)
		require.Equal(t, *want.acF, *got.acF, "block %d", i)
		require.Equal(t, recWant.chunks(), recGot.chunks(), "block %d: symbols", i)
	}
}
