package cascade

import (
	"cmp"
	"math"
	"slices"
	"sort"

	"github.com/idpreflight/idpreflight/internal/vision"
)

// Group merges raw detections like OpenCV's groupRectangles (eps 0.2 is
// OpenCV's): windows
// whose four edges all lie within eps × their mean size of each other join
// one class (transitively); classes of at most minNeighbors windows are
// dropped; each class becomes its mean rectangle scored by its size; a
// class lying inside a much stronger one is dropped as a part of it.
// Classes are returned strongest first. An engine that runs OpenCV with
// minNeighbors 0 (raw windows) gets the same scores from Group as Detect.
func Group(raw []vision.Rect, minNeighbors int, eps float64) []vision.Face {
	n := len(raw)
	if n == 0 {
		return nil
	}
	parent := make([]int, n)
	for i := range parent {
		parent[i] = i
	}
	find := func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	for i := range n {
		for j := i + 1; j < n; j++ {
			if similar(raw[i], raw[j], eps) {
				if a, b := find(i), find(j); a != b {
					parent[a] = b
				}
			}
		}
	}
	type class struct {
		x0, y0, x1, y1 float64
		n              int
	}
	byRoot := map[int]*class{}
	var order []int
	for i, r := range raw {
		root := find(i)
		c := byRoot[root]
		if c == nil {
			c = &class{}
			byRoot[root] = c
			order = append(order, root)
		}
		c.x0 += float64(r.X0)
		c.y0 += float64(r.Y0)
		c.x1 += float64(r.X1)
		c.y1 += float64(r.Y1)
		c.n++
	}
	var faces []vision.Face
	for _, root := range order {
		c := byRoot[root]
		if c.n <= minNeighbors {
			continue
		}
		k := float64(c.n)
		faces = append(faces, vision.Face{
			Rect: vision.Rect{
				X0: int(math.Round(c.x0 / k)), Y0: int(math.Round(c.y0 / k)),
				X1: int(math.Round(c.x1 / k)), Y1: int(math.Round(c.y1 / k)),
			},
			Score: k,
		})
	}
	out := faces[:0:0]
	for i, a := range faces {
		inner := false
		for j, b := range faces {
			if i == j {
				continue
			}
			dx, dy := int(math.Round(float64(b.Rect.Dx())*eps)), int(math.Round(float64(b.Rect.Dy())*eps))
			if (b.Score > math.Max(3, a.Score) || a.Score < 3) &&
				a.Rect.X0 >= b.Rect.X0-dx && a.Rect.Y0 >= b.Rect.Y0-dy &&
				a.Rect.X1 <= b.Rect.X1+dx && a.Rect.Y1 <= b.Rect.Y1+dy {
				inner = true
				break
			}
		}
		if !inner {
			out = append(out, a)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Score > out[j].Score })
	return out
}

// similar is OpenCV's SimilarRects predicate.
func similar(a, b vision.Rect, eps float64) bool {
	d := eps * float64(min(a.Dx(), b.Dx())+min(a.Dy(), b.Dy())) * 0.5
	return math.Abs(float64(a.X0-b.X0)) <= d && math.Abs(float64(a.Y0-b.Y0)) <= d &&
		math.Abs(float64(a.X1-b.X1)) <= d && math.Abs(float64(a.Y1-b.Y1)) <= d
}

// SortScanOrder puts raw windows in the order Detect finds them: smaller
// windows first (its scale levels), then top to bottom, left to right.
// Group breaks ties between equally strong classes by the order of their
// first windows, and OpenCV's multi-threaded classifier returns windows in
// the order its threads finish: sorted first, an engine's faces are the
// same from run to run, and in the pure engine's order.
func SortScanOrder(raw []vision.Rect) {
	slices.SortFunc(raw, func(a, b vision.Rect) int {
		return cmp.Or(cmp.Compare(a.Dx(), b.Dx()), cmp.Compare(a.Y0, b.Y0), cmp.Compare(a.X0, b.X0), cmp.Compare(a.Dy(), b.Dy()))
	})
}
