package preflight

import "strconv"

// Code is a rejection code of the OCR endpoint.
type Code int

// The endpoint's rejection codes.
const (
	CodeLivenessQuality Code = 818 // image quality too low for document liveness
	CodeNoDocument      Code = 819 // no document found
	CodeNoPortrait      Code = 820 // no portrait photo on the document
	CodeCropped         Code = 821 // part of the document is cut off
	CodeTooSmall        Code = 822 // document smaller than 10 % of the image
	CodeOutside         Code = 823 // document borders outside the frame
	CodeMultiple        Code = 824 // more than one document
	CodeNearEdge        Code = 825 // document too close to the frame edges
	CodeBlurry          Code = 826 // document too blurry
	CodeCompressed      Code = 827 // JPEG compressed too hard
	CodeExposure        Code = 828 // document too bright or too dark
	CodeReflections     Code = 829 // reflections on the document
)

// AllCodes lists every code in numeric order.
var AllCodes = []Code{818, 819, 820, 821, 822, 823, 824, 825, 826, 827, 828, 829}

// Message returns the endpoint's own error message for the code, verbatim
// (typos included) so that a local answer matches the server's.
func (c Code) Message() string {
	switch c {
	case CodeLivenessQuality:
		return "Image quality for document liveness not acceptable."
	case CodeNoDocument:
		return "The document is not detected in the image."
	case CodeNoPortrait:
		return "The document photo is not detected in the image."
	case CodeCropped:
		return "The document is cropped, part of the document is not present in the image."
	case CodeTooSmall:
		return "The size of the document is lower than 10 % of the size of the image."
	case CodeOutside:
		return "The document borders are outside of the photo frame."
	case CodeMultiple:
		return "There is more than one document in the photo frame."
	case CodeNearEdge:
		return "The document is near of the edges of the photo frame."
	case CodeBlurry:
		return "The document is too blurry."
	case CodeCompressed:
		return "The document is overly compressed.."
	case CodeExposure:
		return "The document is either too bright or too dark."
	case CodeReflections:
		return "The document has reflections"
	}
	return "unknown code " + strconv.Itoa(int(c))
}

// String returns the code as its number.
func (c Code) String() string { return strconv.Itoa(int(c)) }

// priority orders codes the way the endpoint reports the first problem it
// meets: nothing can be said about a document that is not found, geometry
// comes before picture quality, and within geometry the severity ladder
// is 821 > 823 > 825.
func (c Code) priority() int {
	switch c {
	case CodeNoDocument:
		return 0
	case CodeMultiple:
		return 1
	case CodeCropped:
		return 2
	case CodeOutside:
		return 3
	case CodeTooSmall:
		return 4
	case CodeNearEdge:
		return 5
	case CodeBlurry:
		return 6
	case CodeExposure:
		return 7
	case CodeReflections:
		return 8
	case CodeCompressed:
		return 9
	case CodeLivenessQuality:
		return 10
	case CodeNoPortrait:
		return 11
	}
	return 99
}
