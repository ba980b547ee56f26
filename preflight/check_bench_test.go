package preflight

import (
	"context"
	"sort"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/idpreflight/idpreflight/internal/synth"
	"github.com/idpreflight/idpreflight/internal/vision"
)

// BenchmarkCheck12MP runs the whole Check on a 4000×3000 JPEG (q90) of a
// card filling about half the frame, and reports the mean time of each
// stage of timings_ms as <stage>-ms. It runs detection; the "given quad"
// variant skips it to show the cost of the quality stages alone. The card
// shows no face, so 820 also pays for the whole-photo face search; the
// "portrait" variant shows a face on the card, as a valid front side does,
// and is found on the document alone.
func BenchmarkCheck12MP(b *testing.B) { benchmarkCheck(b, 4000, 3000) }

// BenchmarkCheck1080p is the same on a 1920×1080 frame, the size of a
// video frame from a capture page or a downscaled upload.
func BenchmarkCheck1080p(b *testing.B) { benchmarkCheck(b, 1920, 1080) }

func benchmarkCheck(b *testing.B, w, h int) {
	photo := func(doc *synth.Document) ([]byte, vision.Quad) {
		s := synth.NewScene(w, h, synth.Wood, 1)
		width := 0.7 * float64(w)
		q := synth.Pose{Center: vision.Point{X: float64(w) / 2, Y: float64(h) / 2}, Width: width, Roll: 3, TiltX: 6}.Quad(doc.Aspect())
		require.NoError(b, s.Place(doc, q, 0.3))
		data, err := synth.EncodeJPEG(s.Img, 90)
		require.NoError(b, err)
		return data, q
	}
	data, q := photo(synth.NewDocument(synth.ID1, 1))
	withFace, _ := photo(portraitDoc(b, synth.ID1, graceHopper(b)))
	for _, bc := range []struct {
		name string
		data []byte
		opts []Option
	}{
		{"detect", data, nil},
		{"given quad", data, []Option{WithDocumentQuads(quadFromVision(q))}},
		{"portrait", withFace, nil},
	} {
		b.Run(bc.name, func(b *testing.B) { benchStages(b, bc.data, bc.opts...) })
	}
}

// benchStages runs Check on data in a benchmark loop and reports the mean
// of every timings_ms stage as <stage>-ms, and the process's CPU time per
// check as cpu-ms (unix): the face searches run concurrently, so wall and
// CPU time differ, and on a shared machine CPU time is the steadier one.
func benchStages(b *testing.B, data []byte, opts ...Option) {
	b.ReportAllocs()
	sums := map[string]float64{}
	cpu0, cpuOK := processCPU()
	for b.Loop() {
		rep, err := Check(context.Background(), data, opts...)
		require.NoError(b, err)
		for k, v := range rep.TimingsMS {
			sums[k] += v
		}
	}
	if cpu1, ok := processCPU(); ok && cpuOK {
		b.ReportMetric(float64((cpu1-cpu0).Microseconds())/1000/float64(b.N), "cpu-ms")
	}
	keys := make([]string, 0, len(sums))
	for k := range sums {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		b.ReportMetric(sums[k]/float64(b.N), k+"-ms")
	}
}
