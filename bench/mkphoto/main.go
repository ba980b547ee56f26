// Command mkphoto writes a synthetic phone photo of an ID card as a JPEG,
// for the benchmarks: an ID-1 card on wood, slightly tilted, with sensor
// noise so that the file has a camera's entropy (about 3–5 MB at 12 MP).
//
//	go run ./bench/mkphoto -w 4000 -h 3000 -o /tmp/12mp.jpg
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/idpreflight/idpreflight/internal/synth"
	"github.com/idpreflight/idpreflight/internal/vision"
)

func main() {
	w := flag.Int("w", 4000, "width in pixels")
	h := flag.Int("h", 3000, "height in pixels")
	q := flag.Int("q", 92, "JPEG quality")
	out := flag.String("o", "photo.jpg", "output file")
	flag.Parse()
	if err := write(*out, *w, *h, *q); err != nil {
		fmt.Fprintln(os.Stderr, "mkphoto:", err)
		os.Exit(1)
	}
}

func write(path string, w, h, q int) error {
	doc := synth.NewDocument(synth.ID1, 1)
	s := synth.NewScene(w, h, synth.Wood, 1)
	pose := synth.Pose{Center: vision.Point{X: float64(w) / 2, Y: float64(h) / 2}, Width: 0.6 * float64(w), Roll: 4, TiltX: 8}
	if err := s.Place(doc, pose.Quad(doc.Kind.Aspect()), 0.4); err != nil {
		return err
	}
	data, err := synth.EncodeJPEG(synth.Noise(s.Img, 4, 1), q)
	if err != nil {
		return err
	}
	return os.WriteFile(path, data, 0o644)
}
