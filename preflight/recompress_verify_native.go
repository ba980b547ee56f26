//go:build !(js && wasm)

package preflight

import (
	"context"
	"fmt"
	"image"
	"runtime"

	"github.com/idpreflight/idpreflight/internal/vision"
)

// checkOutput runs Check on out (opts given), with its pixels from
// written (a DCT path's outputCoefs.reducedImage) when that gives them:
// Check's decoder would read coefficients too (the pure engine outside
// the browser, an output large enough to be decoded reduced), and the
// m×m corner of each block requantised as the write did gives the same
// planes. Anything else goes through Check.
func checkOutput(out []byte, written coefDecode, opts []Option) (*Report, error) {
	cfg, err := buildConfig(opts)
	if err != nil {
		return nil, err
	}
	if written == nil {
		return Check(context.Background(), out, opts...)
	}
	h, err := readImageHeader(out, cfg.maxPixels)
	if err != nil {
		return nil, err
	}
	img, crop, ok := written(h, engineFor(cfg.engine))
	if !ok {
		return Check(context.Background(), out, opts...)
	}
	d := &decoded{rgb: img, format: h.format, orientation: h.orientation, jpeg: readJPEGFacts(out), lumaCrop: crop}
	d.width, d.height = h.uprightSize()
	rep, err := run(context.Background(), &cfg, d)
	if err != nil {
		return nil, fmt.Errorf("checking the output coefficients: %w", err)
	}
	return rep, nil
}

// reducedImage is the photo Check's decoder for eng makes of a JPEG
// with header h whose coefficients oc holds, made from them: the planes
// are the ones reducedJPEG decodes from the bytes, bit for bit. ok is
// false when that decoder would not read coefficients (gocv's
// libjpeg-turbo rounds differently: oc is then released, see release; a
// small photo is decoded whole) or
// oc is not the image h describes, or spent: the first call that gives
// the planes spends oc (spend) and collects, so that the check's own
// buffers (the RGB photo, the detector's and the rectifier's planes,
// ~35 MB at 12 MP) take the coefficients' pages, already touched,
// instead of fresh ones. Desk 12 MP CLI, alternated with main: 15 k →
// 7.7 k minor faults, 97 → 66 MB peak RSS, user+sys ~0.64 → ~0.53 s;
// at 100 MP, where the check's buffers already reuse the search's
// memory, unchanged.
func (oc *outputCoefs) reducedImage(h imageHeader, eng engine) (img *vision.RGB, lumaCrop func(image.Rectangle) *vision.Gray, ok bool) {
	if _, reduces := reducingDecoder(eng).(reducedJPEG); !reduces {
		oc.release()
		return nil, nil, false
	}
	k := jpegReduction(h.width, h.height)
	if oc.img == nil || h.format != "jpeg" || k == 1 ||
		h.width != oc.img.scan.width || h.height != oc.img.scan.height {
		return nil, nil, false
	}
	planes, err := oc.img.requantisedPlanes(oc.tables, 8/k)
	if err != nil {
		return nil, nil, false
	}
	lumaCrop = oc.spend(k, h.orientation)
	runtime.GC()
	return vision.Orient(vision.FromImage(planes), h.orientation), lumaCrop, true
}

// spend gives up oc's coefficients once its planes are made, all but
// the luma that the returned gridCrop (of a decode at 1/k with EXIF
// orientation o) still reads: oc is then spent (reducedImage says no
// again), and the check's buffers that follow can take the memory.
func (oc *outputCoefs) spend(k, o int) func(image.Rectangle) *vision.Gray {
	c := oc.img
	oc.img = nil
	luma := oc.tables[c.comps[0].tq]
	if blockPeriod(float64(k)) != 0 || o != 1 {
		return nil
	}
	kept := *c
	kept.comps = []coefComp{c.comps[0]}
	return kept.gridCrop(k, o, luma)
}

// release gives up oc's coefficients for a check that decodes the
// output's bytes instead (gocv's libjpeg-turbo), and collects, so that
// the check's Go buffers (the decoded photo, the detector's and the
// rectifier's planes) take the coefficients' pages rather than fresh
// ones, as spend does for a check that reads them. gocv CLI, alternated
// with main's binary, 10 runs each at load ~7: desk 12 MP 17.0 k →
// 13.6 k minor faults, user+sys median 0.90 → 0.72 s; text 12 MP
// 18.0 k → 14.3 k, 0.80 → 0.74 s.
func (oc *outputCoefs) release() {
	if oc.img != nil {
		oc.img = nil
		runtime.GC()
	}
}
