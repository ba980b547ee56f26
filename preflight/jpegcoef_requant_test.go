package preflight

import "testing"

// TestThresholdIsTheFirstNonZeroMagnitude: countBlock takes a magnitude
// under thr as requantising to zero without computing it, so thr must
// be where the quotient turns non-zero, for every pair of 8-bit steps
// the counts meet (the new never finer than the old), up to the
// largest magnitude an int16 holds.
func TestThresholdIsTheFirstNonZeroMagnitude(t *testing.T) {
	for o := 1; o <= 255; o++ {
		for n := o; n <= 255; n++ {
			old, nu := new([64]uint16), new([64]uint16)
			for k := range 64 {
				old[k], nu[k] = 1, 1
			}
			old[5], nu[5] = uint16(o), uint16(n)
			r := newRequantizer(old, nu)
			thr := uint32(r.thr[5])
			if thr == 0 || r.magnitude(5, thr-1) != 0 || r.magnitude(5, thr) == 0 || r.magnitude(5, 32768) < r.magnitude(5, thr) {
				t.Fatalf("steps %d → %d: thr %d, magnitudes %d, %d", o, n, thr, r.magnitude(5, thr-1), r.magnitude(5, thr))
			}
		}
	}
}
