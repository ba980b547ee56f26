package synth

import (
	"testing"

	"github.com/idpreflight/idpreflight/internal/vision"
)

func BenchmarkNewDocument(b *testing.B) {
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		NewDocument(ID1, int64(i))
	}
}

// BenchmarkScene1600x900 renders a perspective document on wood with a
// shadow: the cost a test pays per scene.
func BenchmarkScene1600x900(b *testing.B) {
	doc := NewDocument(ID1, 1)
	q := Pose{Center: vision.Point{X: 800, Y: 450}, Width: 900, Roll: 10, TiltX: 15, TiltY: -10}.Quad(doc.Aspect())
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		s := NewScene(1600, 900, Wood, int64(i))
		if err := s.Place(doc, q, 0.4); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkGaussianBlur1600x900(b *testing.B) {
	m := NewScene(1600, 900, Clutter, 1).Img
	b.ReportAllocs()
	for b.Loop() {
		GaussianBlur(m, 2)
	}
}
