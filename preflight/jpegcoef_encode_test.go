package preflight

import (
	"testing"

	"github.com/stretchr/testify/assert"
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
