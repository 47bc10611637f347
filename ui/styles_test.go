package ui

import (
	"image/color"
	"reflect"
	"testing"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
)

// TestStylesReadableOnAnyBackground: no style paints a background, every
// colour is one of the 16 basic ones (which the terminal's theme adapts),
// and on a light background yellow and cyan are not used.
func TestStylesReadableOnAnyBackground(t *testing.T) {
	var l look
	dark := l.update(tea.ColorProfileMsg{Profile: colorprofile.TrueColor})
	light := l.update(tea.BackgroundColorMsg{Color: color.White})
	for name, s := range map[string]Styles{"dark": dark, "light": light} {
		v := reflect.ValueOf(s)
		for i := 0; i < v.NumField(); i++ {
			st := v.Field(i).Interface().(lipgloss.Style)
			field := v.Type().Field(i).Name
			if _, none := st.GetBackground().(lipgloss.NoColor); !none {
				t.Errorf("%s: %s paints a background", name, field)
			}
			fg := st.GetForeground()
			if _, none := fg.(lipgloss.NoColor); none {
				continue
			}
			if _, basic := fg.(ansi.BasicColor); !basic {
				t.Errorf("%s: %s has foreground %v", name, field, fg)
			}
			if name == "light" && (fg == lipgloss.Yellow || fg == lipgloss.Cyan) {
				t.Errorf("light: %s is yellow or cyan", field)
			}
		}
	}
	if dark.Warn.GetForeground() != lipgloss.Yellow {
		t.Errorf("dark: Warn is %v, want yellow", dark.Warn.GetForeground())
	}
	var mono look
	mono.update(tea.BackgroundColorMsg{Color: color.White})
	if s := mono.update(tea.ColorProfileMsg{Profile: colorprofile.Ascii}); s.Warn.GetForeground() != (lipgloss.NoColor{}) {
		t.Errorf("NO_COLOR on a light background: Warn has colour %v", s.Warn.GetForeground())
	}
}
