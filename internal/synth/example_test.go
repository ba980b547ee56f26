package synth_test

import (
	"fmt"

	"github.com/idpreflight/idpreflight/internal/synth"
	"github.com/idpreflight/idpreflight/internal/vision"
)

// A card on a wooden desk, tilted, lit from one side, slightly blurred
// and noisy, with its exact outline and portrait box.
func Example() {
	doc := synth.NewDocument(synth.ID1, 1)
	s := synth.NewScene(1280, 720, synth.Wood, 1)
	pose := synth.Pose{Center: vision.Point{X: 640, Y: 360}, Width: 700, Roll: 5, TiltX: 10}
	if err := s.Place(doc, pose.Quad(doc.Aspect()), 0.4); err != nil {
		fmt.Println(err)
		return
	}
	img := synth.Noise(synth.GaussianBlur(synth.LightGradient(s.Img, 0.2, 0), 1.2), 2, 1)
	jpg, err := synth.EncodeJPEG(img, 85)
	if err != nil {
		fmt.Println(err)
		return
	}
	q := s.Quads[0]
	fmt.Printf("%dx%d, %d documents, JPEG %t\n", img.W, img.H, len(s.Quads), len(jpg) > 0)
	fmt.Printf("top-left corner (%.1f, %.1f)\n", q[0].X, q[0].Y)
	fmt.Printf("document covers %.1f %% of the frame\n", 100*q.Area()/(1280*720))
	// Output:
	// 1280x720, 1 documents, JPEG true
	// top-left corner (297.8, 103.5)
	// document covers 33.1 % of the frame
}
