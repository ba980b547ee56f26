package preflight

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
)

// blankCopy is c with zeroed blocks, ends and masks, for decoding c's
// scan again.
func blankCopy(c *coefImage) *coefImage {
	u := *c
	u.comps = append([]coefComp(nil), c.comps...)
	for i := range u.comps {
		cc := &u.comps[i]
		cc.vals, cc.off = nil, make([]uint32, len(cc.off))
		cc.end = make([]uint8, len(cc.end))
		cc.nz = make([]uint64, len(cc.nz))
	}
	return &u
}

// requireSameScan decodes scan (a JPEG with the headers c was read from)
// with readScan and with the session-10 reference: both refuse it, or both
// read the same coefficients, ends and masks.
func requireSameScan(t *testing.T, c *coefImage, scan []byte, what string) {
	t.Helper()
	got, want := blankCopy(c), blankCopy(c)
	wantCoefs, wantErr := refReadScan(want, scan)
	gotErr := got.readScan(scan)
	require.Equal(t, wantErr != nil, gotErr != nil, "%s: refused by the reference (%v), by readScan (%v)", what, wantErr, gotErr)
	if gotErr != nil {
		require.ErrorIs(t, gotErr, errHuffman, what)
		return
	}
	stored := 0
	for i := range got.comps {
		g, w := &got.comps[i], &want.comps[i]
		require.Equal(t, wantCoefs[i], denseCoefs(g), "%s: component %d coefficients", what, i)
		stored += requireStoreMatches(t, g, what)
		require.Equal(t, w.end, g.end, "%s: component %d ends", what, i)
		require.Equal(t, w.nz, g.nz, "%s: component %d masks", what, i)
	}
	require.Equal(t, heldValues(got.comps[0].vals), stored, "%s: the components' one store holds their values and nothing else", what)
}

// decodeInputs are JPEGs of every layout the decoder reads: image/jpeg's
// (standard tables) at qualities from 1 to 100, the tool fixtures, and
// this package's own encodes of them (tables fitted to the image, so long
// codes and unusual shapes) with and without restart intervals.
func decodeInputs(t *testing.T) []coefInput {
	t.Helper()
	ins := coefInputs(t)
	for i, q := range []int{1, 10, 30, 60, 85, 98, 100} {
		c := []content{contentScene, contentText, contentNoisy, contentFlat}[i%4]
		ins = append(ins, coefInput{fmt.Sprintf("%s q%d", c, q), encodeTest(t, photo(t, c, 120+8*i, 72+5*i, int64(i)), q)})
	}
	for _, in := range append([]coefInput(nil), ins...) {
		c, err := decodeCoefs(in.data, DefaultMaxPixels)
		require.NoError(t, err, in.name)
		for _, ri := range []int{0, 1, 3, 7} {
			c.scan.restart = ri
			out, _ := c.encode(c.quant, c.count(c.quant), nil)
			ins = append(ins, coefInput{fmt.Sprintf("%s, fitted tables, restart %d", in.name, ri), out})
		}
	}
	return ins
}

func TestReadScanMatchesReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, in := range decodeInputs(t) {
		t.Run(in.name, func(t *testing.T) {
			c, err := decodeCoefs(in.data, DefaultMaxPixels)
			require.NoError(t, err)
			requireSameScan(t, c, in.data, "as written")
			// Damaged scans: bytes changed (0xFF and markers among
			// them), the scan cut short with or without an EOI.
			start := c.scan.dataStart
			for range 40 {
				bad := append([]byte(nil), in.data...)
				for range 1 + rng.IntN(3) {
					i := start + rng.IntN(len(bad)-start)
					switch rng.IntN(4) {
					case 0:
						bad[i] = 0xFF
					case 1:
						bad[i] = byte(0xD0 + rng.IntN(8))
					default:
						bad[i] ^= byte(1 + rng.IntN(255))
					}
				}
				requireSameScan(t, c, bad, "changed bytes")
				cut := start + rng.IntN(len(in.data)-start)
				requireSameScan(t, c, in.data[:cut], "cut short")
				requireSameScan(t, c, append(append([]byte(nil), in.data[:cut]...), 0xFF, 0xD9), "cut short, EOI")
			}
		})
	}
}

// randomTable is a table build accepts, often incomplete, with symbols
// of every size (some past what a scan may use) and repeats.
func randomTable(rng *rand.Rand) *huffTable {
	for {
		t := &huffTable{}
		room, total := 2, 0 // free codes at the current length
		for l := range 16 {
			n := rng.IntN(min(room, 40) + 1)
			if rng.IntN(3) == 0 {
				n = 0
			}
			t.counts[l] = n
			total += n
			room = (room - n) * 2
		}
		if total == 0 || total > 256 {
			continue
		}
		for range total {
			t.symbols = append(t.symbols, byte(rng.IntN(256)))
		}
		if t.build() == nil {
			return t
		}
	}
}

// TestReadBlockMatchesReference decodes random bit strings (stuffing and
// markers in them) with random tables, block after block, with readBlock
// and the reference.
func TestReadBlockMatchesReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for i := range 3000 {
		dc, ac := randomTable(rng), randomTable(rng)
		dc.buildFast(0)
		ac.buildFast(1)
		data := make([]byte, rng.IntN(400))
		for j := range data {
			data[j] = byte(rng.IntN(256))
			if rng.IntN(40) == 0 {
				data[j] = 0xFF
			}
		}
		r := bitReader{data: data}
		ref := refBitReader{data: data}
		rdc, rac := newRefTable(dc), newRefTable(ac)
		var pred, refPred int
		for b := 0; ; b++ {
			var packed, got, want [64]int16
			end, nz, err := r.readBlock(dc, ac, &packed, &pred)
			(&coefComp{vals: [][]int16{packed[:]}, off: []uint32{0}, nz: []uint64{nz}}).scatter(0, &got)
			wantEnd, wantNZ, wantErr := refReadBlock(&ref, rdc, rac, want[:], &refPred)
			require.Equal(t, wantErr != nil, err != nil, "case %d block %d: %v / %v", i, b, wantErr, err)
			if err != nil {
				require.ErrorIs(t, err, errHuffman)
				break
			}
			require.Equal(t, want, got, "case %d block %d", i, b)
			require.Equal(t, wantEnd, end, "case %d block %d", i, b)
			require.Equal(t, wantNZ, nz, "case %d block %d", i, b)
			require.Equal(t, ref.virt > ref.n, r.overrun(), "case %d block %d", i, b)
			if ref.virt > 64 {
				break // well past the data: padding from here on
			}
		}
	}
}

// FuzzReadScanMatchesReference decodes fuzzed scans behind the headers of
// a few JPEGs (standard and fitted tables, 4:2:0, 4:4:4, grey, restart
// intervals) with readScan and the reference.
func FuzzReadScanMatchesReference(f *testing.F) {
	var heads []*coefImage
	var headers [][]byte
	scene := encodeTest(f, photo(f, contentScene, 48, 40, 1), 85)
	for i, data := range [][]byte{scene, readFixture(f, "inputs/s444.jpg"), readFixture(f, "inputs/gray.jpg"), readFixture(f, "inputs/restart.jpg"), scene} {
		c, err := decodeCoefs(data, fuzzMaxPixels)
		require.NoError(f, err)
		if i == 4 {
			c.scan.restart = 2
			data, _ = c.encode(c.quant, c.count(c.quant), nil)
			if c, err = decodeCoefs(data, fuzzMaxPixels); err != nil {
				f.Fatal(err)
			}
		}
		heads = append(heads, c)
		headers = append(headers, data[:c.scan.dataStart])
		f.Add(byte(i), data[c.scan.dataStart:])
	}
	f.Fuzz(func(t *testing.T, pick byte, scan []byte) {
		i := int(pick) % len(heads)
		data := append(append([]byte(nil), headers[i]...), scan...)
		requireSameScan(t, heads[i], data, "fuzzed scan")
	})
}

// BenchmarkReadScan12MP is the entropy decoding alone: the blocks are
// allocated once (BenchmarkDecodeCoefs12MP's time is as much the
// allocation's page faults and zeroing as the decoding) but the packed
// values' store.
func BenchmarkReadScan12MP(b *testing.B) {
	for _, ct := range []content{contentScene, contentText} {
		data := encodeTest(b, photo(b, ct, 4000, 3000, 1), 95)
		c, err := decodeCoefs(data, DefaultMaxPixels)
		require.NoError(b, err)
		b.Run(string(ct), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if err := c.readScan(data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// An interval with a whole byte after its last symbol is refused,
// wherever the reader stands when it meets the marker.
func TestRestartRefusesAByteLeftOver(t *testing.T) {
	n := 0
	for _, in := range decodeInputs(t) {
		c, err := decodeCoefs(in.data, DefaultMaxPixels)
		require.NoError(t, err)
		i := bytes.Index(in.data[c.scan.dataStart:], []byte{0xFF, 0xD0})
		if c.scan.restart == 0 || i < 0 { // no interval, or only one
			continue
		}
		n++
		rst := c.scan.dataStart + i
		for _, extra := range []byte{0x00, 0x5A, 0xFE} {
			bad := append(append(append([]byte(nil), in.data[:rst]...), extra), in.data[rst:]...)
			_, err := decodeCoefs(bad, DefaultMaxPixels)
			require.ErrorIs(t, err, errHuffman, "%s, %#x before the first RST", in.name, extra)
		}
	}
	require.Greater(t, n, 10, "inputs with restart markers")
}
