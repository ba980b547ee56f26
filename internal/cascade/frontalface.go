package cascade

import (
	_ "embed"
	"sync"
)

// frontalFaceXML is OpenCV 4.6's lbpcascade_frontalface_improved.xml
// (Puttemans, Ergun, Goedemé, VISAPP 2017; BSD-3-Clause, header kept),
// copied from Debian's opencv-data 4.6.0+dfsg-12. It is embedded so the
// wasm build carries it; see NOTICE.md beside it.
//
//go:embed lbpcascade_frontalface_improved.xml
var frontalFaceXML []byte

// frontalFace parses the embedded cascade once; the result is immutable.
var frontalFace = sync.OnceValue(func() *Cascade {
	c, err := Parse(frontalFaceXML)
	if err != nil {
		panic("cascade: embedded frontal-face cascade: " + err.Error()) // a build defect, caught by the tests
	}
	return c
})

// FrontalFace returns OpenCV's improved LBP frontal-face cascade (45×45
// window). The same *Cascade is returned on every call; it is safe for
// concurrent use.
func FrontalFace() *Cascade { return frontalFace() }
