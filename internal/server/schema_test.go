package server

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"testing"
)

// A validator for the subset of OpenAPI 3.0 schemas openapi.json uses: type,
// nullable, properties, required, additionalProperties: false, items, enum,
// allOf, oneOf and $ref into components.

type spec struct {
	root map[string]any
}

func loadSpec(t testing.TB) *spec {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(OpenAPI(), &m); err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	if m["openapi"] != "3.0.3" {
		t.Fatalf("openapi.json: version %v", m["openapi"])
	}
	return &spec{root: m}
}

func (s *spec) resolve(ref string) (map[string]any, error) {
	if !strings.HasPrefix(ref, "#/") {
		return nil, fmt.Errorf("unsupported $ref %q", ref)
	}
	var cur any = s.root
	for _, p := range strings.Split(ref[2:], "/") {
		m, ok := cur.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("$ref %q: %q is not an object", ref, p)
		}
		if cur, ok = m[p]; !ok {
			return nil, fmt.Errorf("$ref %q: no %q", ref, p)
		}
	}
	m, ok := cur.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("$ref %q is not a schema", ref)
	}
	return m, nil
}

// responseSchema finds the schema of the answer to method path (a concrete
// path, matched against the templates) with status and content type.
func (s *spec) responseSchema(method, path string, status int, ctype string) (map[string]any, error) {
	paths := s.root["paths"].(map[string]any)
	var item map[string]any
	for tmpl, v := range paths {
		if matchPath(tmpl, path) {
			item = v.(map[string]any)
			break
		}
	}
	if item == nil {
		return nil, fmt.Errorf("%s is not in openapi.json", path)
	}
	op, ok := item[strings.ToLower(method)].(map[string]any)
	if !ok {
		return nil, fmt.Errorf("%s %s is not in openapi.json", method, path)
	}
	r, ok := op["responses"].(map[string]any)[fmt.Sprint(status)].(map[string]any)
	if !ok {
		return nil, fmt.Errorf("%s %s: status %d is not described", method, path, status)
	}
	ct := strings.TrimSpace(strings.Split(ctype, ";")[0])
	c, ok := r["content"].(map[string]any)[ct].(map[string]any)
	if !ok {
		return nil, fmt.Errorf("%s %s %d: content type %q is not described", method, path, status, ct)
	}
	return c["schema"].(map[string]any), nil
}

func matchPath(tmpl, path string) bool {
	a, b := strings.Split(tmpl, "/"), strings.Split(path, "/")
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if strings.HasPrefix(a[i], "{") {
			if b[i] == "" {
				return false
			}
			continue
		}
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// validate checks v (decoded JSON) against schema and returns every problem.
func (s *spec) validate(schema map[string]any, v any, at string) []string {
	if ref, ok := schema["$ref"].(string); ok {
		r, err := s.resolve(ref)
		if err != nil {
			return []string{at + ": " + err.Error()}
		}
		return s.validate(r, v, at)
	}
	if v == nil {
		if schema["nullable"] == true {
			return nil
		}
		return []string{at + ": null where the schema does not allow it"}
	}
	var errs []string
	if all, ok := schema["allOf"].([]any); ok {
		for _, sub := range all {
			errs = append(errs, s.validate(sub.(map[string]any), v, at)...)
		}
	}
	if one, ok := schema["oneOf"].([]any); ok {
		n := 0
		for _, sub := range one {
			if len(s.validate(sub.(map[string]any), v, at)) == 0 {
				n++
			}
		}
		if n != 1 {
			errs = append(errs, fmt.Sprintf("%s: matches %d of oneOf's schemas, not 1", at, n))
		}
	}
	if enum, ok := schema["enum"].([]any); ok {
		found := false
		for _, e := range enum {
			if e == v {
				found = true
			}
		}
		if !found {
			errs = append(errs, fmt.Sprintf("%s: %v is not in the enum", at, v))
		}
	}
	typ, _ := schema["type"].(string)
	switch typ {
	case "":
	case "object":
		m, ok := v.(map[string]any)
		if !ok {
			return append(errs, fmt.Sprintf("%s: %T, want an object", at, v))
		}
		props, _ := schema["properties"].(map[string]any)
		if req, ok := schema["required"].([]any); ok {
			for _, r := range req {
				if _, ok := m[r.(string)]; !ok {
					errs = append(errs, fmt.Sprintf("%s: required %q missing", at, r))
				}
			}
		}
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			p, ok := props[k].(map[string]any)
			if !ok {
				if schema["additionalProperties"] == false {
					errs = append(errs, fmt.Sprintf("%s: property %q is not in the schema", at, k))
				}
				continue
			}
			errs = append(errs, s.validate(p, m[k], at+"."+k)...)
		}
	case "array":
		a, ok := v.([]any)
		if !ok {
			return append(errs, fmt.Sprintf("%s: %T, want an array", at, v))
		}
		items, _ := schema["items"].(map[string]any)
		for i, x := range a {
			errs = append(errs, s.validate(items, x, fmt.Sprintf("%s[%d]", at, i))...)
		}
	case "string":
		if _, ok := v.(string); !ok {
			errs = append(errs, fmt.Sprintf("%s: %T, want a string", at, v))
		}
	case "integer":
		f, ok := v.(float64)
		if !ok || f != float64(int64(f)) {
			errs = append(errs, fmt.Sprintf("%s: %v, want an integer", at, v))
		}
	case "number":
		if _, ok := v.(float64); !ok {
			errs = append(errs, fmt.Sprintf("%s: %T, want a number", at, v))
		}
	case "boolean":
		if _, ok := v.(bool); !ok {
			errs = append(errs, fmt.Sprintf("%s: %T, want a boolean", at, v))
		}
	default:
		errs = append(errs, fmt.Sprintf("%s: unsupported schema type %q", at, typ))
	}
	return errs
}

// TestValidatorCatches makes sure the validator fails what it should.
func TestValidatorCatches(t *testing.T) {
	s := loadSpec(t)
	sch := map[string]any{"$ref": "#/components/schemas/Stats"}
	var good, extra, missing, wrong any
	json.Unmarshal([]byte(`{"articles":1,"canonical":1,"removed":0,"sentences":3,"entities":2,"mentions":4,"times":1,"quotes":0,"events":1,"happenings":1}`), &good)
	json.Unmarshal([]byte(`{"articles":1,"canonical":1,"removed":0,"sentences":3,"entities":2,"mentions":4,"times":1,"quotes":0,"events":1,"happenings":1,"x":1}`), &extra)
	json.Unmarshal([]byte(`{"articles":1}`), &missing)
	json.Unmarshal([]byte(`{"articles":"1","canonical":1,"removed":0,"sentences":3,"entities":2,"mentions":4,"times":1,"quotes":0,"events":1,"happenings":1.5}`), &wrong)
	if e := s.validate(sch, good, "$"); len(e) != 0 {
		t.Errorf("good: %v", e)
	}
	for name, v := range map[string]any{"extra": extra, "missing": missing, "wrong": wrong, "null": nil} {
		if e := s.validate(sch, v, "$"); len(e) == 0 {
			t.Errorf("%s: not caught", name)
		}
	}
}
