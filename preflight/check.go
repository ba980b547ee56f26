package preflight

import (
	"context"
	"fmt"
	"image"
	"os"
	"time"

	"github.com/idpreflight/idpreflight/internal/vision"
)

// Aspect ratios (width / height) of the ISO/IEC 7810 formats.
const (
	aspectID1 = 85.6 / 54.0  // identification cards, driving licences
	aspectID3 = 125.0 / 88.0 // passport data pages
)

// CheckFile reads a file and checks it like Check.
func CheckFile(path string, opts ...Option) (*Report, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Check(context.Background(), data, opts...)
}

// Check decodes an encoded image (JPEG, PNG, WebP, TIFF, BMP, GIF), applies
// its EXIF orientation (JPEG APP1, PNG eXIf, WebP EXIF or the TIFF tag) and
// checks it. Facts only the bytes carry, such as the JPEG quantisation
// tables behind 827, are taken from data.
func Check(ctx context.Context, data []byte, opts ...Option) (*Report, error) {
	cfg, err := buildConfig(opts)
	if err != nil {
		return nil, err
	}
	t0 := time.Now()
	// The check's face session starts before the decode: a front side
	// searches faces, and the gocv engine loads its cascade beside the
	// decode, which leaves the second core idle (faceSession's warm).
	eng, release := faceSession(engineFor(cfg.engine), cfg.side == Front && cfg.runsStage("portrait"))
	defer release()
	// Every engine decodes a large JPEG reduced (reducingDecoder): the
	// analysis works on a photo of analysisLongSide, and image/jpeg's full
	// decode was a fifth of the pure engine's check of a 12 MP photo.
	d, err := decodeBytes(data, cfg.maxPixels, reducingDecoder(eng))
	if err != nil {
		return nil, err
	}
	decodeMS := ms(time.Since(t0))
	rep, err := runWith(ctx, &cfg, d, eng)
	if err != nil {
		return nil, err
	}
	rep.TimingsMS["decode"] = decodeMS
	rep.TimingsMS["total"] += decodeMS
	return rep, nil
}

// CheckImage checks an already decoded image, such as a camera frame. No
// JPEG facts are known, so 827 relies on pixel measures alone.
func CheckImage(ctx context.Context, img image.Image, opts ...Option) (*Report, error) {
	cfg, err := buildConfig(opts)
	if err != nil {
		return nil, err
	}
	if img == nil {
		return nil, fmt.Errorf("%w: nil image", ErrInvalidOption)
	}
	b := img.Bounds()
	if b.Empty() {
		return nil, ErrEmpty
	}
	if int64(b.Dx())*int64(b.Dy()) > int64(cfg.maxPixels) {
		return nil, fmt.Errorf("%w: %dx%d exceeds %d pixels", ErrTooLarge, b.Dx(), b.Dy(), cfg.maxPixels)
	}
	return run(ctx, &cfg, &decoded{rgb: vision.FromImage(img), width: b.Dx(), height: b.Dy(), orientation: 1})
}

// run is the pipeline shared by every entry point, with the engine the
// configuration names.
func run(ctx context.Context, cfg *config, d *decoded) (*Report, error) {
	return runWith(ctx, cfg, d, engineFor(cfg.engine))
}

// runWith runs the pipeline with a given engine; the differential tests
// use it to swap one engine stage at a time.
func runWith(ctx context.Context, cfg *config, d *decoded, eng engine) (*Report, error) {
	eng, release := faceSession(eng, false)
	defer release()
	rep := &Report{
		Width: d.width, Height: d.height,
		Side: cfg.side.String(), DocType: cfg.docType.String(), Device: cfg.device.String(),
		Engine:    eng.name(),
		Metrics:   map[string]float64{},
		TimingsMS: map[string]float64{},
	}
	lim := cfg.limits()
	start := time.Now()
	stage := func(name string, f func()) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		if !cfg.runsStage(name) {
			return nil
		}
		t := time.Now()
		f()
		rep.TimingsMS[name] = ms(time.Since(t))
		return nil
	}

	var dets []vision.Detection
	if err := stage("detect", func() {
		if cfg.quads != nil {
			dets = givenDetections(cfg.quads)
			return
		}
		dets = eng.detectDocuments(d.rgb, vision.DetectOptions{Aspects: aspectsFor(cfg.docType), Fast: cfg.live, Buffers: cfg.buffers.detector(), Faces: eng.detectFaces})
		if s := d.scale(); s != 1 {
			for i := range dets {
				dets[i].Quad = dets[i].Quad.Scale(s)
			}
		}
	}); err != nil {
		return nil, err
	}
	if err := stage("geometry", func() { checkGeometry(rep, dets, lim) }); err != nil {
		return nil, err
	}
	// rect is the main document warped flat, shared by every stage that
	// looks inside the document (826, 828, 829, 820); nil when no document
	// was found or its quad is degenerate.
	var rect *rectified
	if len(dets) > 0 {
		if err := stage("rectify", func() {
			rect, _ = rectifyAt(d.rgb, d.scale(), dets[0].Quad, cfg.docType, eng.warpQuad, cfg.rectSize(), cfg.buffers.rectifier())
		}); err != nil {
			return nil, err
		}
	}
	if rect != nil {
		// The portrait search starts first and runs beside the measures
		// below (portraitJob); its findings are written in the portrait
		// stage, where the sequential check wrote them.
		var portrait *portraitJob
		if cfg.side == Front && cfg.runsStage("portrait") {
			frame := d.rgb
			if !searchFrame(dets[0], cfg.quads != nil) {
				frame = nil
			}
			portrait = startPortrait(eng, rect, frame, d.scale(), rep.Width, rep.Height, lim)
			defer portrait.drain()
		}
		var src *sourceDoc
		for _, st := range []struct {
			name string
			f    func()
		}{
			{"sharpness", func() { checkSharpness(rep, rect, lim) }},
			{"exposure", func() { checkExposure(rep, rect, lim) }},
			{"glare", func() { checkGlare(rep, rect, cfg.side == Front, lim) }},
			{"source", func() { src = cropSource(d.rgb, d.scale(), rect.quad) }},
			{"compression", func() {
				if src != nil {
					checkCompression(rep, d, src, lim)
				}
			}},
			{"resolution", func() {
				if src != nil {
					checkResolution(rep, rect, src, lim)
				}
			}},
		} {
			if err := stage(st.name, st.f); err != nil {
				return nil, err
			}
		}
		if portrait != nil {
			var found portraitSearch
			if err := stage("portrait", func() {
				found = portrait.wait()
				reportPortrait(rep, rect, found, lim)
			}); err != nil {
				return nil, err
			}
			// The stage's own time is the search's, not the wait for it.
			rep.TimingsMS["portrait"] = found.ms
		}
	}
	if len(dets) == 0 {
		samples := frameSamples
		if cfg.live {
			samples = liveFrameSamples
		}
		if err := stage("exposure", func() { checkFrameExposure(rep, d.rgb, lim, samples) }); err != nil {
			return nil, err
		}
	}
	rep.TimingsMS["total"] = ms(time.Since(start))
	rep.finish()
	return rep, nil
}

// runsStage reports whether the configuration runs the named stage: a
// live frame, a detection-only or a quality-only check skip some.
func (c *config) runsStage(name string) bool {
	switch {
	case c.live && !liveStage(name):
		return false
	case c.detectOnly && name != "detect" && name != "geometry":
		return false
	case c.qualityOnly && !qualityStage(name):
		return false
	}
	return true
}

// aspectsFor puts the requested type's shape first; the other stays
// possible because people pick the wrong type.
func aspectsFor(t DocumentType) []float64 {
	if t == Passport {
		return []float64{aspectID3, aspectID1}
	}
	return []float64{aspectID1, aspectID3}
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// givenDetections turns caller-supplied outlines into detections with
// full confidence.
func givenDetections(quads []Quad) []vision.Detection {
	out := make([]vision.Detection, len(quads))
	for i, q := range quads {
		out[i] = vision.Detection{Quad: q.vision(), Score: 1}
	}
	return out
}
