package preflight

import (
	"os"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/idpreflight/idpreflight/internal/synth"
	"github.com/idpreflight/idpreflight/internal/vision"
)

// benchPhoto returns the JPEG named by $IDPREFLIGHT_BENCH_JPEG (so that
// bench/gocv_vs_turbo.sh times the very file it gives libjpeg-turbo), or
// renders a 12 MP photo of a card like bench/mkphoto does.
func benchPhoto(b *testing.B) []byte {
	b.Helper()
	if p := os.Getenv("IDPREFLIGHT_BENCH_JPEG"); p != "" {
		data, err := os.ReadFile(p)
		require.NoError(b, err)
		return data
	}
	doc := synth.NewDocument(synth.ID1, 1)
	s := synth.NewScene(4000, 3000, synth.Wood, 1)
	pose := synth.Pose{Center: vision.Point{X: 2000, Y: 1500}, Width: 2400, Roll: 4, TiltX: 8}
	require.NoError(b, s.Place(doc, pose.Quad(doc.Kind.Aspect()), 0.4))
	data, err := synth.EncodeJPEG(synth.Noise(s.Img, 4, 1), 92)
	require.NoError(b, err)
	return data
}

// BenchmarkEngineCheck12MP is a full Check of a 12 MP JPEG by every engine of
// the build, side by side, with the mean time of each stage (timings_ms)
// as <stage>-ms.
func BenchmarkEngineCheck12MP(b *testing.B) {
	data := benchPhoto(b)
	for _, name := range engineNames() {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			benchStages(b, data, WithEngine(name))
		})
	}
}

// BenchmarkEngineCheck12MPFace is BenchmarkEngineCheck12MP on a card
// whose portrait shows a face (testdata's public-domain portrait), the
// common case of a front side: the face is found on the rectified
// document, where the faceless card of BenchmarkEngineCheck12MP searches
// the document both ways up in vain (its outline is confident, so the
// whole-photo search does not run; BenchmarkCheckPortrait/empty times
// that search).
func BenchmarkEngineCheck12MPFace(b *testing.B) {
	doc := portraitDoc(b, synth.ID1, graceHopper(b))
	s := synth.NewScene(4000, 3000, synth.Wood, 1)
	pose := synth.Pose{Center: vision.Point{X: 2000, Y: 1500}, Width: 2400, Roll: 4, TiltX: 8}
	require.NoError(b, s.Place(doc, pose.Quad(doc.Kind.Aspect()), 0.4))
	data, err := synth.EncodeJPEG(synth.Noise(s.Img, 4, 1), 92)
	require.NoError(b, err)
	for _, name := range engineNames() {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			benchStages(b, data, WithEngine(name))
		})
	}
}

// BenchmarkEngineDecode12MP is the decoding stage alone, per engine.
func BenchmarkEngineDecode12MP(b *testing.B) {
	data := benchPhoto(b)
	for _, name := range engineNames() {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(data)))
			eng := engineFor(name)
			for b.Loop() {
				if _, err := decodeBytes(data, DefaultMaxPixels, eng); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
