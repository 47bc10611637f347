package ui

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

func TestWriteTableAlignment(t *testing.T) {
	var b strings.Builder
	err := WriteTable(&b,
		[]string{"ID", "Name", "Status"},
		[][]string{
			{"1", "Åsa Öberg", "open"},
			{"22", "漢字太郎", "closed"},
			{"333", "Bob", ""},
		})
	if err != nil {
		t.Fatal(err)
	}
	want := "" +
		"ID   Name       Status\n" +
		"1    Åsa Öberg  open\n" +
		"22   漢字太郎   closed\n" +
		"333  Bob\n"
	if got := b.String(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	checkTable(t, b.String(), 4)

	// Each column starts at the same display column on every line.
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	for _, col := range []string{"Status", "open", "closed"} {
		for _, l := range lines {
			if i := strings.Index(l, col); i >= 0 {
				if w := ansi.StringWidth(l[:i]); w != 16 {
					t.Errorf("%q starts at column %d, want 16", col, w)
				}
			}
		}
	}
}

func TestWriteTableHostileCell(t *testing.T) {
	var b strings.Builder
	err := WriteTable(&b,
		[]string{"Case", "Subject"},
		[][]string{
			{"7", "Delete\x1b]8;;https://evil.example/\x07 my data\x1b]8;;\x07\n\x1b[2J\x1b[31mnow\r\x1bP+q\x1b\\"},
			{"8\u202e", "\x1b[1mplain"},
		})
	if err != nil {
		t.Fatal(err)
	}
	want := "" +
		"Case  Subject\n" +
		"7     Delete my data now␍\n" +
		"8⁇    plain\n"
	if got := b.String(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	checkTable(t, b.String(), 3)
}

func TestWriteTableShapes(t *testing.T) {
	tests := []struct {
		name   string
		header []string
		rows   [][]string
		want   string
	}{
		{"no rows", []string{"A", "B"}, nil, "A  B\n"},
		{"no header", nil, [][]string{{"x", "y"}}, "x  y\n"},
		{"nothing", nil, nil, ""},
		{"ragged rows", []string{"A"}, [][]string{{"1", "2", "3"}, {}, {"", "", "z"}},
			"A\n1  2  3\n\n      z\n"},
		{"empty middle cell", []string{"A", "B", "C"}, [][]string{{"aa", "", "c"}},
			"A   B  C\naa     c\n"},
		{"cells trimmed", []string{" A "}, [][]string{{"\tx\t"}}, "A\nx\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b strings.Builder
			if err := WriteTable(&b, tt.header, tt.rows); err != nil {
				t.Fatal(err)
			}
			if got := b.String(); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
			checkTable(t, b.String(), -1)
		})
	}
}

type tableFailWriter struct {
	writes int
	err    error
}

func (w *tableFailWriter) Write(p []byte) (int, error) {
	w.writes++
	if w.writes >= 2 {
		return 0, w.err
	}
	return len(p), nil
}

func TestWriteTableError(t *testing.T) {
	w := &tableFailWriter{err: errors.New("disk full")}
	err := WriteTable(w, []string{"A"}, [][]string{{"1"}, {"2"}, {"3"}})
	if !errors.Is(err, w.err) {
		t.Errorf("err = %v, want %v", err, w.err)
	}
	if w.writes != 2 {
		t.Errorf("%d writes, want 2: nothing after the first error", w.writes)
	}
}

// checkTable checks that out is n lines (n < 0: any number), each clean,
// single and without trailing space.
func checkTable(t *testing.T, out string, n int) {
	t.Helper()
	if out == "" {
		return
	}
	if !strings.HasSuffix(out, "\n") {
		t.Errorf("output does not end in a newline: %q", out)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if n >= 0 && len(lines) != n {
		t.Errorf("%d lines, want %d: %q", len(lines), n, out)
	}
	for _, l := range lines {
		if strings.HasSuffix(l, " ") {
			t.Errorf("trailing space in %q", l)
		}
		if Clean(l) != l {
			t.Errorf("line not clean: %q", l)
		}
	}
}

// TestWriteJSONEscapesWhatTerminalsObey: the JSON means the same but shows
// no control or text-direction character raw.
func TestWriteJSONEscapesWhatTerminalsObey(t *testing.T) {
	in := map[string]string{"subject": "a\x1b]8;;http://x\x07b\u009bc\u202ed\x7fe"}
	var b strings.Builder
	if err := WriteJSON(&b, in); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, bad := range []string{"\x1b", "\u009b", "\u202e", "\x7f"} {
		if strings.Contains(out, bad) {
			t.Errorf("output %q contains %q raw", out, bad)
		}
	}
	var back map[string]string
	if err := json.Unmarshal([]byte(out), &back); err != nil || back["subject"] != in["subject"] {
		t.Errorf("round trip: %q, %v; want %q", back["subject"], err, in["subject"])
	}
}
