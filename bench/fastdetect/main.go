// Command fastdetect measures the detector's Fast mode (the live frames')
// on a labelled set resized to live size: every image is area-resized to
// 640 px on its long side and detected with the document type's aspect
// order, and the main outline is compared with the label. It prints the
// share of single-document cases whose main outline has IoU ≥ 0.9, how
// many of them have an outline at all, how many scenes without a document
// get one, and a digest of every outline and score, so that a change
// meant to keep the outlines can be checked to keep them exactly.
//
//	go run ./bench/fastdetect --labels ../shared/eval/dev/labels.json
package main

import (
	"crypto/sha256"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"

	"github.com/idpreflight/idpreflight/internal/evalset"
	"github.com/idpreflight/idpreflight/internal/synth"
	"github.com/idpreflight/idpreflight/internal/vision"
)

// liveSide is the long side of a live camera frame.
const liveSide = 640

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "fastdetect:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("fastdetect", flag.ContinueOnError)
	labels := fs.String("labels", "", "labels.json of the set")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *labels == "" {
		return errors.New("--labels is required")
	}
	l, err := evalset.Load(*labels)
	if err != nil {
		return err
	}
	var t tally
	var buf vision.DetectBuffers
	for _, c := range l.Cases {
		img, err := synth.ReadImage(l.Path(c))
		if err != nil {
			return err
		}
		s := liveSide / float64(max(img.W, img.H))
		small := vision.ResizeArea(img, max(1, int(math.Round(float64(img.W)*s))), max(1, int(math.Round(float64(img.H)*s))))
		dets := vision.DetectDocuments(small, vision.DetectOptions{Fast: true, Buffers: &buf, Aspects: aspects(c.DocumentType)})
		kx, ky := float64(img.W)/float64(small.W), float64(img.H)/float64(small.H)
		for i := range dets {
			for k := range dets[i].Quad {
				p := dets[i].Quad[k]
				dets[i].Quad[k] = vision.Point{X: p.X * kx, Y: p.Y * ky}
			}
		}
		t.add(c.ID, c.VisionQuads(), dets)
	}
	_, err = fmt.Fprintln(stdout, t.String())
	return err
}

// aspects is the detector's aspect order for a labelled document type, as
// the library orders it.
func aspects(docType string) []float64 {
	if docType == "passport" {
		return []float64{vision.AspectID3, vision.AspectID1}
	}
	return []float64{vision.AspectID1, vision.AspectID3}
}

// tally counts detections against labels.
type tally struct {
	single, good, found int // single-document cases, main IoU ≥ 0.9, any outline
	empty, spurious     int // cases without a document, with an outline
	digest              [sha256.Size]byte
}

// add counts one case: its labelled quads and the detections in the
// labels' pixels.
func (t *tally) add(id string, truth []vision.Quad, dets []vision.Detection) {
	h := sha256.New()
	h.Write(t.digest[:])
	fmt.Fprintf(h, "%s", id)
	for _, d := range dets {
		fmt.Fprintf(h, " %.3f %v", d.Score, d.Quad)
	}
	copy(t.digest[:], h.Sum(nil))
	switch len(truth) {
	case 0:
		t.empty++
		if len(dets) > 0 {
			t.spurious++
		}
	case 1:
		t.single++
		if len(dets) > 0 {
			t.found++
			if evalset.QuadIoU(dets[0].Quad, truth[0]) >= 0.9 {
				t.good++
			}
		}
	}
}

func (t *tally) String() string {
	share := 0.0
	if t.single > 0 {
		share = float64(t.good) / float64(t.single)
	}
	return fmt.Sprintf("single-document cases %d: IoU>=0.9 %.3f, found %d; scenes without a document %d, with an outline %d; digest %x",
		t.single, share, t.found, t.empty, t.spurious, t.digest[:6])
}
