//go:build !(cgo && gocv)

package preflight

// EngineName names the engine compiled into this build.
const EngineName = pureEngineName

func newEngine() engine { return goEngine{} }

func engineNames() []string { return []string{pureEngineName} }

// Engine describes the engine compiled into this build.
func Engine() EngineInfo {
	return EngineInfo{Name: EngineName, Available: engineNames()}
}
