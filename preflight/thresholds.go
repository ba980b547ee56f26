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
}

// DefaultThresholds returns the Desktop profile.
func DefaultThresholds() Thresholds {
	return Thresholds{
		MinVisible:      0.97,
		MaxOutside:      0.01,
		MinMargin:       0.02,
		MinAreaFraction: 0.10,
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
	} {
		if e != nil {
			return e
		}
	}
	return nil
}
