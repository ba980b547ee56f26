//go:build !(js && wasm)

package preflight

import (
	"context"
	"fmt"
	"image"

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
// libjpeg-turbo rounds differently; a small photo is decoded whole) or
// oc is not the image h describes.
func (oc *outputCoefs) reducedImage(h imageHeader, eng engine) (img *vision.RGB, lumaCrop func(image.Rectangle) *vision.Gray, ok bool) {
	k := jpegReduction(h.width, h.height)
	if _, reduces := reducingDecoder(eng).(reducedJPEG); !reduces || h.format != "jpeg" || k == 1 ||
		h.width != oc.img.scan.width || h.height != oc.img.scan.height {
		return nil, nil, false
	}
	planes, err := oc.img.requantisedPlanes(oc.tables, 8/k)
	if err != nil {
		return nil, nil, false
	}
	luma := oc.tables[oc.img.comps[0].tq]
	return vision.Orient(vision.FromImage(planes), h.orientation), oc.img.gridCrop(k, h.orientation, luma), true
}
