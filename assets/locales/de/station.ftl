# Der erste Bildschirm einer Station: Besucher wählen eine Sprache aus der Liste des Betreibers.

exhibit-choose-language = Sprache: Zahl drücken
exhibit-language-choice = { $number }  { $language }
