package preflight

import "fmt"

// Thresholds holds every decision limit of the checks. The defaults come
// from DESIGN.md's definitions of the codes and were checked with
// `preflight eval` on the labelled dev set; DeviceThresholds gives the
// profile per device.
type Thresholds struct {
	// MinVisible is the smallest visible fraction (area inside the frame /
	// document area) before 821 "cropped": content is lost below 0.97.
	MinVisible float64 `json:"min_visible"`
	// MaxOutside is how far a corner may lie outside the frame, as a
	// fraction of min(width, height), before 823.
	MaxOutside float64 `json:"max_outside"`
	// MinMargin is the smallest distance of a corner to a frame edge, as a
	// fraction of min(width, height), before 825 "near the edges".
	MinMargin float64 `json:"min_margin"`
	// MinAreaFraction is the smallest document area / image area before
	// 822; the endpoint says 10 %.
	MinAreaFraction float64 `json:"min_area_fraction"`

	// MinLuma and MaxLuma bound the mean luma (0.299R+0.587G+0.114B) of
	// the rectified document before 828. Measured on the dev set: clean
	// documents lie in 75..200, the dark and bright variants (and the
	// over- or under-exposed natural frames) below 50 and above 215; the
	// limits sit inside those gaps.
	MinLuma float64 `json:"min_luma"`
	MaxLuma float64 `json:"max_luma"`
	// MaxClippedBright is the largest share of document pixels at luma
	// >= 250 before 828: a document can keep a moderate mean while large
	// parts are burnt out.
	MaxClippedBright float64 `json:"max_clipped_bright"`
	// MaxClippedDark is the largest share of document pixels at luma <= 5
	// before 828.
	MaxClippedDark float64 `json:"max_clipped_dark"`
	// ExposureWarnMargin: a mean luma this close to a limit is a warning.
	ExposureWarnMargin float64 `json:"exposure_warn_margin"`
}

// DefaultThresholds returns the Desktop profile.
func DefaultThresholds() Thresholds {
	return Thresholds{
		MinVisible:      0.97,
		MaxOutside:      0.01,
		MinMargin:       0.02,
		MinAreaFraction: 0.10,

		MinLuma:            60,
		MaxLuma:            210,
		MaxClippedBright:   0.30,
		MaxClippedDark:     0.30,
		ExposureWarnMargin: 10,
	}
}

// DeviceThresholds returns the profile for a device. Phones (IOS, ANDROID)
// currently share the desktop limits for geometry.
func DeviceThresholds(d Device) Thresholds {
	t := DefaultThresholds()
	_ = d
	return t
}

// Validate reports a threshold outside its meaningful range.
func (t Thresholds) Validate() error {
	check := func(name string, v, lo, hi float64) error {
		if !(v >= lo && v <= hi) {
			return fmt.Errorf("%w: threshold %s=%v outside [%v, %v]", ErrInvalidOption, name, v, lo, hi)
		}
		return nil
	}
	for _, e := range []error{
		check("min_visible", t.MinVisible, 0, 1),
		check("max_outside", t.MaxOutside, 0, 1),
		check("min_margin", t.MinMargin, 0, 0.5),
		check("min_area_fraction", t.MinAreaFraction, 0, 1),
		check("min_luma", t.MinLuma, 0, 255),
		check("max_luma", t.MaxLuma, t.MinLuma, 255),
		check("max_clipped_bright", t.MaxClippedBright, 0, 1),
		check("max_clipped_dark", t.MaxClippedDark, 0, 1),
		check("exposure_warn_margin", t.ExposureWarnMargin, 0, 128),
	} {
		if e != nil {
			return e
		}
	}
	return nil
}
