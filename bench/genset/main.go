// Command genset writes a set of mixed synthetic ID photos (sizes from
// 1280×720 to 12 MP, several backgrounds, poses, degradations, and some
// without a document) for batch throughput measurements.
//
//	go run ./bench/genset -n 500 -o /tmp/set
package main

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"

	"github.com/idpreflight/idpreflight/internal/synth"
	"github.com/idpreflight/idpreflight/internal/vision"
)

func main() {
	n := flag.Int("n", 500, "number of photos")
	face := flag.String("face", "testdata/grace_hopper_256.jpg", "portrait pasted on the documents (\"\" keeps synth's drawn face, which the face detector does not find)")
	out := flag.String("o", "", "output folder (created)")
	seed := flag.Int64("seed", 1, "random seed")
	flag.Parse()
	if *out == "" || *n < 1 {
		fmt.Fprintln(os.Stderr, "usage: genset -n N -o DIR")
		os.Exit(2)
	}
	var portrait *vision.RGB
	if *face != "" {
		var err error
		if portrait, err = synth.ReadImage(*face); err != nil {
			fmt.Fprintln(os.Stderr, "genset:", err)
			os.Exit(1)
		}
	}
	if err := generate(*n, *out, *seed, portrait); err != nil {
		fmt.Fprintln(os.Stderr, "genset:", err)
		os.Exit(1)
	}
}

var sizes = [][2]int{{1280, 720}, {1920, 1080}, {1080, 1920}, {3000, 2000}, {4000, 3000}}

// generate writes n photos; face, when set, is the portrait on every
// document, as real documents carry a photo the face detector finds.
func generate(n int, dir string, seed int64, face *vision.RGB) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	rng := rand.New(rand.NewPCG(uint64(seed), 7))
	for i := range n {
		sz := sizes[rng.IntN(len(sizes))]
		w, h := sz[0], sz[1]
		s := synth.NewScene(w, h, synth.Background(rng.IntN(4)), int64(i))
		if rng.IntN(10) > 0 { // one in ten has no document
			kind := synth.Kind(rng.IntN(2))
			doc := synth.NewDocument(kind, int64(i))
			if face != nil {
				if err := doc.SetPortrait(face); err != nil {
					return err
				}
			}
			d := float64(min(w, h))
			pose := synth.Pose{
				Center: vision.Point{X: float64(w) * (0.3 + 0.4*rng.Float64()), Y: float64(h) * (0.3 + 0.4*rng.Float64())},
				Width:  d * (0.4 + 0.7*rng.Float64()),
				Roll:   rng.Float64()*30 - 15,
				TiltX:  rng.Float64()*30 - 15,
				TiltY:  rng.Float64()*30 - 15,
			}
			if err := s.Place(doc, pose.Quad(doc.Aspect()), 0.4); err != nil {
				return err
			}
		}
		img := s.Img
		switch rng.IntN(6) {
		case 0:
			img = synth.GaussianBlur(img, 1+3*rng.Float64())
		case 1:
			img = synth.Exposure(img, rng.Float64()*6-3)
		case 2:
			img = synth.Noise(img, 5+20*rng.Float64(), int64(i))
		}
		jpg, err := synth.EncodeJPEG(img, 60+rng.IntN(36))
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("photo_%04d.jpg", i)), jpg, 0o644); err != nil {
			return err
		}
	}
	return nil
}
