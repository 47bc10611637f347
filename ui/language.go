package ui

import (
	"context"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"dsrdesk/register"
)

// The requester's language: the one letters and the access report are
// written in. Detection sets it from the request; the officer corrects it
// from the case screen.

// languageNames name the languages of register.Languages.
var languageNames = map[string]string{
	"fi": "Finnish (suomi)",
	"sv": "Swedish (svenska)",
	"en": "English",
}

// languageName names language lang: "Swedish (svenska)", or lang itself,
// cleaned, if it is none of register.Languages.
func languageName(lang string) string {
	if n, ok := languageNames[lang]; ok {
		return n
	}
	return CleanLine(lang)
}

// writeLanguage writes the case screen's Language line.
func writeLanguage(b *textBuilder, lang string, keys DetailKeys) {
	set := keys.Language.Help().Key
	if lang == "" {
		b.field("Language", "not known · "+set+" sets it", b.st.Muted)
		return
	}
	b.field("Language", CleanLine(lang)+" · "+languageName(lang)+" · "+set+" changes it", lipgloss.NewStyle())
}

// languageMenu returns the menu that sets case c's language, the cursor on
// the present one.
func (m *model) languageMenu(c register.Case) *choiceMenu {
	menu := &choiceMenu{title: "Language · " + CleanLine(c.Tag), name: "the requester's language",
		intro: []string{"Letters and the access report are written in it."}, want: 56}
	id, version := c.ID, c.Version
	for i, lang := range register.Languages {
		lang := lang
		label := lang + "  " + languageNames[lang]
		if lang == c.Lang {
			label += " · now"
			menu.cursor = i
		}
		menu.items = append(menu.items, choice{label: label, pick: func() tea.Cmd {
			return m.decideSaying("language", "Language set to "+languageNames[lang], func(ctx context.Context, db *register.DB) error {
				return db.SetLanguage(ctx, id, version, lang)
			})
		}})
	}
	return menu
}
