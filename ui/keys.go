package ui

import (
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textarea"
)

// KeyMap holds the keys of every screen and overlay, one struct for each.
// The help screen is built from these bindings, so what it lists is what
// works.
type KeyMap struct {
	List     ListKeys
	Detail   DetailKeys
	Other    OtherKeys
	Message  MessageKeys
	Kinds    KindsKeys
	Identity IdentityKeys
	Attach   AttachKeys
	Register RegisterKeys
	Search   SearchKeys
	Card     CardKeys
	Report   ReportKeys
	Menu     MenuKeys
	Plan     PlanKeys
	Tell     TellKeys
	Input    InputKeys
	Editor   EditorKeys
	Help     HelpKeys
	Confirm  ConfirmKeys
}

// ScrollKeys move through text that is longer than the screen: the case
// detail and the message view share them.
type ScrollKeys struct {
	Up, Down, Top, Bottom, PageDown, PageUp key.Binding
}

// ListKeys are the keys of the case list.
type ListKeys struct {
	ScrollKeys
	Open, OtherMail, Register, All, Report, Reload, Help, Quit, ForceQuit key.Binding
}

// DetailKeys are the keys of the case detail screen.
type DetailKeys struct {
	ScrollKeys
	Headers, Kinds, Identity, Wait, Attachment key.Binding
	Register, Card, Act, Language              key.Binding
	Reply, Extend, Close                       key.Binding
	Reload, Back, Help, ForceQuit              key.Binding
}

// OtherKeys are the keys of the Other mail list: the messages that belong
// to no case.
type OtherKeys struct {
	ScrollKeys
	Open, MakeCase, NotRequest    key.Binding
	Retry                         key.Binding // fetch the quarantined mail again
	Reload, Back, Help, ForceQuit key.Binding
}

// MessageKeys are the keys of the view of one message of the Other mail.
type MessageKeys struct {
	ScrollKeys
	Headers, MakeCase, NotRequest key.Binding
	Back, Help, ForceQuit         key.Binding
}

// KindsKeys are the keys of the checklist of the kinds of request.
type KindsKeys struct {
	Up, Down, Toggle, Save, Cancel, Help, ForceQuit key.Binding
}

// IdentityKeys are the keys of the menu of identity statuses.
type IdentityKeys struct {
	Up, Down, Choose, Cancel, Help, ForceQuit key.Binding
}

// AttachKeys are the keys of the list of a case's attachments, from which
// one is removed.
type AttachKeys struct {
	Up, Down, Remove, Cancel, Help, ForceQuit key.Binding
}

// RegisterKeys are the keys of the register screen's results: the
// entries found, or the case's linked and offered entries.
type RegisterKeys struct {
	ScrollKeys
	Search, Card, Link, Unlink    key.Binding
	Reload, Back, Help, ForceQuit key.Binding
}

// SearchKeys are the keys of the register screen's search field besides
// the editing keys of InputKeys. Every other key types.
type SearchKeys struct {
	Results, Leave, Help, ForceQuit key.Binding
}

// MenuKeys are the keys of a menu: the rights to carry out, an entry or a
// field to rectify, the requester's language.
type MenuKeys struct {
	ScrollKeys
	Choose, Cancel, Help, ForceQuit key.Binding
}

// PlanKeys are the keys of a plan shown before it is carried out: scroll
// it, then yes or no.
type PlanKeys struct {
	ScrollKeys
	Yes, No, Help, ForceQuit key.Binding
}

// TellKeys are the keys of a case's checklist of recipients to tell.
type TellKeys struct {
	Up, Down, Tick, Close, Help, ForceQuit key.Binding
}

// CardKeys are the keys of a customer card.
type CardKeys struct {
	ScrollKeys
	Reload, Back, Help, ForceQuit key.Binding
}

// ReportKeys are the keys of the accountability report screen.
type ReportKeys struct {
	ScrollKeys
	All, Reload, Back, Help, ForceQuit key.Binding
}

// InputKeys are the keys of a one-line text field. Every other key types
// its text. Help is not "?", which is text here.
type InputKeys struct {
	Save, Cancel                     key.Binding
	Left, Right, Home, End           key.Binding
	DeleteBack, DeleteForward, Clear key.Binding
	Help, ForceQuit                  key.Binding
}

// EditorKeys are the keys of the built-in editor of a letter: Save,
// Cancel and Help besides the editing keys of Text (the textarea's), which
// keep their own. Every other key types.
type EditorKeys struct {
	Save, Cancel, Help, ForceQuit key.Binding
	Text                          textarea.KeyMap
}

// HelpKeys are the keys of the help screen: it scrolls when the keys do
// not all fit.
type HelpKeys struct {
	ScrollKeys
	Close, ForceQuit key.Binding
}

// ConfirmKeys answer a yes/no question such as "Quit dsrdesk?".
type ConfirmKeys struct {
	Yes, No key.Binding
}

// DefaultKeyMap returns the keys dsrdesk ships with, in the habits of mutt,
// aerc and less.
func DefaultKeyMap() KeyMap {
	b := func(keys []string, help, desc string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
	}
	k := func(keys ...string) []string { return keys }

	up := b(k("k", "up"), "k/↑", "up")
	down := b(k("j", "down"), "j/↓", "down")
	top := b(k("g", "home"), "g/home", "top")
	bottom := b(k("G", "end"), "G/end", "bottom")
	pgDown := b(k("pgdown", "ctrl+d", "space"), "pgdn/ctrl+d/space", "page down")
	pgUp := b(k("pgup", "ctrl+u"), "pgup/ctrl+u", "page up")
	scroll := ScrollKeys{Up: up, Down: down, Top: top, Bottom: bottom, PageDown: pgDown, PageUp: pgUp}
	reload := b(k("R", "ctrl+r"), "R/ctrl+r", "reload from the database")
	help := b(k("?"), "?", "show these keys")
	force := b(k("ctrl+c"), "ctrl+c", "quit at once")
	headers := b(k("h"), "h", "show all headers / key headers")
	makeCase := b(k("c"), "c", "make a case of the message (asks first)")
	notRequest := b(k("x"), "x", "confirm it is not a request (asks first)")

	return KeyMap{
		List: ListKeys{
			ScrollKeys: scroll,
			Open:       b(k("enter"), "enter", "open the case"),
			OtherMail:  b(k("o"), "o", "other mail: messages that are not in a case"),
			Register:   b(k("/"), "/", "search the customer register"),
			All:        b(k("a"), "a", "show all cases, closed too / only the open ones"),
			Report:     b(k("M"), "M", "the monthly report: answered in time or late; overdue now"),
			Reload:     reload,
			Help:       help,
			Quit:       b(k("q"), "q", "quit (asks first)"),
			ForceQuit:  force,
		},
		Detail: DetailKeys{
			ScrollKeys: scroll,
			Headers:    headers,
			Kinds:      b(k("K"), "K", "edit the kinds of request"),
			Identity:   b(k("i"), "i", "set the requester's identity"),
			Wait:       b(k("w"), "w", "start/stop waiting for identifying information (asks)"),
			Attachment: b(k("a"), "a", "remove an attachment: an ID document once checked (asks)"),
			Register:   b(k("l"), "l", "the customer register: search it, link or unlink entries"),
			Card:       b(k("c"), "c", "card of the linked register entry (the first, if several)"),
			Act:        b(k("x"), "x", "carry out a right on the linked entries (asks first)"),
			Language:   b(k("L"), "L", "set the requester's language: fi, sv or en"),
			Reply:      b(k("r"), "r", "reply: write a letter to the requester, save it or send it"),
			Extend:     b(k("E"), "E", "extend the deadline by two months; record the notice sent"),
			Close:      b(k("C"), "C", "record the answer sent; close with an outcome; reopen"),
			Reload:     reload,
			Back:       b(k("esc", "q"), "esc/q", "back to the list"),
			Help:       help,
			ForceQuit:  force,
		},
		Other: OtherKeys{
			ScrollKeys: scroll,
			Open:       b(k("enter"), "enter", "read the message"),
			MakeCase:   makeCase,
			NotRequest: notRequest,
			Retry:      b(k("t"), "t", "try the quarantined mail again at the next sync"),
			Reload:     reload,
			Back:       b(k("esc", "q"), "esc/q", "back to the case list"),
			Help:       help,
			ForceQuit:  force,
		},
		Message: MessageKeys{
			ScrollKeys: scroll,
			Headers:    headers,
			MakeCase:   makeCase,
			NotRequest: notRequest,
			Back:       b(k("esc", "q"), "esc/q", "back to the other mail"),
			Help:       help,
			ForceQuit:  force,
		},
		Kinds: KindsKeys{
			Up:        up,
			Down:      down,
			Toggle:    b(k("space", "x"), "space/x", "tick or untick the kind"),
			Save:      b(k("enter"), "enter", "save the ticked kinds"),
			Cancel:    b(k("esc", "q"), "esc/q", "cancel, change nothing"),
			Help:      help,
			ForceQuit: force,
		},
		Identity: IdentityKeys{
			Up:        up,
			Down:      down,
			Choose:    b(k("enter"), "enter", "choose (an agent asks for the proof next)"),
			Cancel:    b(k("esc", "q"), "esc/q", "cancel, change nothing"),
			Help:      help,
			ForceQuit: force,
		},
		Attach: AttachKeys{
			Up:        up,
			Down:      down,
			Remove:    b(k("enter"), "enter", "remove the attachment for good (asks first)"),
			Cancel:    b(k("esc", "q"), "esc/q", "cancel, change nothing"),
			Help:      help,
			ForceQuit: force,
		},
		Register: RegisterKeys{
			ScrollKeys: scroll,
			Search:     b(k("/"), "/", "edit the search"),
			Card:       b(k("enter"), "enter", "open the entry's card"),
			Link:       b(k("l"), "l", "link the entry to the case"),
			Unlink:     b(k("u"), "u", "unlink the entry from the case"),
			Reload:     reload,
			Back:       b(k("esc", "q"), "esc/q", "back to where the register was opened"),
			Help:       help,
			ForceQuit:  force,
		},
		Search: SearchKeys{
			Results:   b(k("enter", "down", "tab"), "enter/↓/tab", "to the results"),
			Leave:     b(k("esc"), "esc", "leave the field, to the results"),
			Help:      b(k("f1"), "f1", "show these keys"),
			ForceQuit: force,
		},
		Menu: MenuKeys{
			ScrollKeys: scroll,
			Choose:     b(k("enter"), "enter", "choose"),
			Cancel:     b(k("esc", "q"), "esc/q", "cancel, change nothing"),
			Help:       help,
			ForceQuit:  force,
		},
		Plan: PlanKeys{
			ScrollKeys: scroll,
			Yes:        b(k("y", "Y"), "y", "yes: carry the plan out, in one transaction"),
			No:         b(k("n", "N", "esc", "q"), "n/esc/q", "no: change nothing"),
			Help:       help,
			ForceQuit:  force,
		},
		Tell: TellKeys{
			Up:        up,
			Down:      down,
			Tick:      b(k("t", "enter", "space"), "t/enter/space", "tick off: the recipient was told (recorded)"),
			Close:     b(k("esc", "q"), "esc/q", "close the checklist"),
			Help:      help,
			ForceQuit: force,
		},
		Card: CardKeys{
			ScrollKeys: scroll,
			Reload:     reload,
			Back:       b(k("esc", "q"), "esc/q", "back"),
			Help:       help,
			ForceQuit:  force,
		},
		Report: ReportKeys{
			ScrollKeys: scroll,
			All:        b(k("a"), "a", "every month / the last twelve"),
			Reload:     reload,
			Back:       b(k("esc", "q"), "esc/q", "back to the case list"),
			Help:       help,
			ForceQuit:  force,
		},
		Input: InputKeys{
			Save:          b(k("enter"), "enter", "save"),
			Cancel:        b(k("esc"), "esc", "back to the menu, save nothing"),
			Left:          b(k("left", "ctrl+b"), "←/ctrl+b", "cursor left"),
			Right:         b(k("right", "ctrl+f"), "→/ctrl+f", "cursor right"),
			Home:          b(k("home", "ctrl+a"), "home/ctrl+a", "to the start"),
			End:           b(k("end", "ctrl+e"), "end/ctrl+e", "to the end"),
			DeleteBack:    b(k("backspace", "ctrl+h"), "backspace", "delete before the cursor"),
			DeleteForward: b(k("delete", "ctrl+d"), "delete/ctrl+d", "delete at the cursor"),
			Clear:         b(k("ctrl+u"), "ctrl+u", "clear the field"),
			Help:          b(k("f1"), "f1", "show these keys"),
			ForceQuit:     force,
		},
		Editor: EditorKeys{
			Save:      b(k("ctrl+s"), "ctrl+s", "done: show the letter, then save it as a draft or send it"),
			Cancel:    b(k("esc"), "esc", "drop the letter, nothing saved (asks if it was changed)"),
			Help:      b(k("f1"), "f1", "show these keys"),
			ForceQuit: force,
			Text:      letterTextKeys(),
		},
		Help: HelpKeys{
			ScrollKeys: scroll,
			Close:      b(k("?", "esc", "q", "f1"), "?/esc/q/f1", "close help"),
			ForceQuit:  force,
		},
		Confirm: ConfirmKeys{
			Yes: b(k("y", "Y"), "y", "yes"),
			No:  b(k("n", "N", "esc"), "n/esc", "no"),
		},
	}
}

// Bindings lists the scroll keys in the order the help screen shows them.
func (k ScrollKeys) Bindings() []key.Binding {
	return []key.Binding{k.Down, k.Up, k.PageDown, k.PageUp, k.Top, k.Bottom}
}

// Bindings lists the list's keys in the order the help screen shows them.
func (k ListKeys) Bindings() []key.Binding {
	return append(k.ScrollKeys.Bindings(),
		k.Open, k.OtherMail, k.Register, k.All, k.Report, k.Reload, k.Help, k.Quit, k.ForceQuit)
}

// Bindings lists the detail screen's keys in the order the help screen
// shows them.
func (k DetailKeys) Bindings() []key.Binding {
	return append(k.ScrollKeys.Bindings(),
		k.Headers, k.Kinds, k.Identity, k.Wait, k.Attachment, k.Register, k.Card, k.Act, k.Language,
		k.Reply, k.Extend, k.Close, k.Reload, k.Back, k.Help, k.ForceQuit)
}

// Bindings lists the Other mail list's keys in the order the help screen
// shows them.
func (k OtherKeys) Bindings() []key.Binding {
	return append(k.ScrollKeys.Bindings(),
		k.Open, k.MakeCase, k.NotRequest, k.Retry, k.Reload, k.Back, k.Help, k.ForceQuit)
}

// Bindings lists the message view's keys in the order the help screen
// shows them.
func (k MessageKeys) Bindings() []key.Binding {
	return append(k.ScrollKeys.Bindings(),
		k.Headers, k.MakeCase, k.NotRequest, k.Back, k.Help, k.ForceQuit)
}

// Bindings lists the kinds checklist's keys.
func (k KindsKeys) Bindings() []key.Binding {
	return []key.Binding{k.Down, k.Up, k.Toggle, k.Save, k.Cancel, k.Help, k.ForceQuit}
}

// Bindings lists the identity menu's keys.
func (k IdentityKeys) Bindings() []key.Binding {
	return []key.Binding{k.Down, k.Up, k.Choose, k.Cancel, k.Help, k.ForceQuit}
}

// Bindings lists the attachment list's keys.
func (k AttachKeys) Bindings() []key.Binding {
	return []key.Binding{k.Down, k.Up, k.Remove, k.Cancel, k.Help, k.ForceQuit}
}

// Bindings lists the register results' keys.
func (k RegisterKeys) Bindings() []key.Binding {
	return append(k.ScrollKeys.Bindings(),
		k.Search, k.Card, k.Link, k.Unlink, k.Reload, k.Back, k.Help, k.ForceQuit)
}

// Bindings lists the search field's keys, its editing keys included.
func (k SearchKeys) Bindings(in InputKeys) []key.Binding {
	return append([]key.Binding{k.Results, k.Leave}, append(in.EditBindings(), k.Help, k.ForceQuit)...)
}

// Bindings lists a menu's keys.
func (k MenuKeys) Bindings() []key.Binding {
	return append(k.ScrollKeys.Bindings(), k.Choose, k.Cancel, k.Help, k.ForceQuit)
}

// menu returns the identity menu's keys as a menu's: it moves and chooses
// as every menu does, and does not page.
func (k IdentityKeys) menu() MenuKeys {
	return MenuKeys{ScrollKeys: ScrollKeys{Up: k.Up, Down: k.Down}, Choose: k.Choose, Cancel: k.Cancel,
		Help: k.Help, ForceQuit: k.ForceQuit}
}

// Bindings lists a plan's keys.
func (k PlanKeys) Bindings() []key.Binding {
	return append(k.ScrollKeys.Bindings(), k.Yes, k.No, k.Help, k.ForceQuit)
}

// Bindings lists the recipients checklist's keys.
func (k TellKeys) Bindings() []key.Binding {
	return []key.Binding{k.Down, k.Up, k.Tick, k.Close, k.Help, k.ForceQuit}
}

// Bindings lists a customer card's keys.
func (k CardKeys) Bindings() []key.Binding {
	return append(k.ScrollKeys.Bindings(), k.Reload, k.Back, k.Help, k.ForceQuit)
}

// Bindings lists the report screen's keys.
func (k ReportKeys) Bindings() []key.Binding {
	return append(k.ScrollKeys.Bindings(), k.All, k.Reload, k.Back, k.Help, k.ForceQuit)
}

// EditBindings lists the keys that edit the text of a field.
func (k InputKeys) EditBindings() []key.Binding {
	return []key.Binding{k.Left, k.Right, k.Home, k.End, k.DeleteBack, k.DeleteForward, k.Clear}
}

// Bindings lists the text field's keys.
func (k InputKeys) Bindings() []key.Binding {
	return []key.Binding{k.Save, k.Cancel, k.Left, k.Right, k.Home, k.End,
		k.DeleteBack, k.DeleteForward, k.Clear, k.Help, k.ForceQuit}
}

// Bindings lists the built-in editor's keys: its own, then the editing
// keys.
func (k EditorKeys) Bindings() []key.Binding {
	t := k.Text
	return []key.Binding{k.Save, k.Cancel,
		t.LinePrevious, t.LineNext, t.CharacterBackward, t.CharacterForward, t.WordBackward, t.WordForward,
		t.LineStart, t.LineEnd, t.PageUp, t.PageDown, t.InputBegin, t.InputEnd, t.InsertNewline,
		t.DeleteCharacterBackward, t.DeleteCharacterForward, t.DeleteWordBackward, t.DeleteWordForward,
		t.DeleteBeforeCursor, t.DeleteAfterCursor, t.TransposeCharacterBackward,
		t.UppercaseWordForward, t.LowercaseWordForward, t.CapitalizeWordForward,
		t.SelectCharacterBackward, t.SelectCharacterForward, t.SelectWordBackward, t.SelectWordForward,
		t.SelectLineUp, t.SelectLineDown, t.SelectAll,
		k.Help, k.ForceQuit}
}

// letterTextKeys are the built-in editor's editing keys: the textarea's,
// without the clipboard ones, which reach for a system clipboard a
// terminal program does not have (the terminal's own paste works).
func letterTextKeys() textarea.KeyMap {
	t := textarea.DefaultKeyMap()
	t.Paste = key.NewBinding(key.WithDisabled())
	t.CopySelection = key.NewBinding(key.WithDisabled())
	return t
}

// Bindings lists the help screen's own keys.
func (k HelpKeys) Bindings() []key.Binding {
	return []key.Binding{k.Close, k.ForceQuit}
}
