// Package synth renders synthetic ID documents into photo-like scenes with
// exact ground truth: the document quads and portrait boxes are known to
// the sub-pixel, and every degradation (blur, noise, exposure, glare, JPEG,
// downscale) is applied at a known strength. Tests and benchmarks of
// idpreflight use it instead of real photos, whose licences and labels are
// uncertain.
//
// Everything is deterministic for a seed: randomness comes from a
// math/rand/v2 source seeded by the caller, never from a global.
//
//	doc := synth.NewDocument(synth.ID1, 1)
//	s := synth.NewScene(1280, 720, synth.Wood, 1)
//	q := synth.Pose{Center: vision.Point{X: 640, Y: 360}, Width: 700, Roll: 5}.Quad(doc.Aspect())
//	if err := s.Place(doc, q, 0.4); err != nil {
//		return err
//	}
//	jpg, err := synth.EncodeJPEG(synth.GaussianBlur(s.Img, 1.5), 90)
package synth
