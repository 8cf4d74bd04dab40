# Was alle Orte auf dem Bildschirm teilen: Titel, Pause, Hinweise, Untertitel, Abspann.

# Text, wie er ist (die Beschriftung einer Taste, eine Zahl, der Eigenname einer Sprache).
verbatim = { $text }

title-name = STILLNESS
title-subtitle = Eine Nacht und die Wochen danach, durch die versagenden Ohren eines Schlagzeugers.
title-content-note = Hinweis: laute Geräusche, Ohrenklingeln und flackerndes Licht. Der Ton bleibt auf einem sicheren Pegel: Nichts, was du hörst, überschreitet eine feste Obergrenze, und Lichter blitzen höchstens dreimal pro Sekunde.
title-headphones = Am besten mit Kopfhörern.
title-begin = Beliebige Taste drücken
title-settings = { $control }  Einstellungen

pause-title = Pause
pause-resume = { $control }  weiter
pause-quit = { $control }  beenden

prompt-use = { $control }  { $what }

caption-speaker = { $name }:
caption-from-left = ◀
caption-from-right = ▶
caption-muffled = [gedämpft] { $fragments }
caption-muffled-voice = [gedämpfte Stimme]
speaker-you = Du
speaker-singer = Sängerin
speaker-mentor = Mentor
speaker-lou = Lou
speaker-marisol = Marisol
speaker-teo = Teo
speaker-annie = Annie
speaker-jonah = Jonah
speaker-greta = Greta

caption-in-sign = [in Gebärdensprache] { $said }
caption-signing-lost = [Gebärden, denen du noch nicht folgen kannst]
caption-signing-caught = [Gebärden; du erkennst nur { $signs }]
caption-signs-then = { $first } … { $rest }
caption-sounds-together = { $first } { $rest }
caption-silence-meant = [Stille: die Ohren hören hier nichts]

end-safe-listening = Gehör, das durch Lärm verloren geht, kommt nicht zurück – und es lässt sich schützen. Trag Ohrstöpsel bei Konzerten, in Clubs und bei lauter Arbeit. Dreh Kopfhörer nicht über etwa 60 % ihrer Lautstärke auf und gönn deinen Ohren jede Stunde eine Pause. Wenn deine Ohren nach einer lauten Nacht klingeln oder alles dumpf klingt, gib ihnen einen ruhigen Tag; hält es an, geh zu einer Ärztin, einem Arzt oder zur Hörakustik.
end-credits-homage = Stillness, eine Hommage an das Sounddesign des Films Sound of Metal (2019).
end-credits-made-with = Gemacht mit Bevy und kira. Hörsimulation nach den Modellen MSBG und 3D Tune-In.
end-credits-sounds = Alle Geräusche erzeugt mit tools/soundgen; Stimmen von espeak-ng.
end-credits-thanks = Danke fürs Zuhören.

control-either = { $desk } / { $pad }
control-unbound = nicht belegt
control-mouse-left = Linksklick
control-mouse-right = Rechtsklick
control-mouse-middle = Mittelklick
control-mouse-other = Maustaste { $button }
control-key-up = Pfeil hoch
control-key-down = Pfeil runter
control-key-left = Pfeil links
control-key-right = Pfeil rechts
control-key-escape = Esc
control-key-space = Leertaste
control-key-enter = Eingabe
control-key-tab = Tab
control-key-backspace = Rücktaste
control-key-page-up = Bild hoch
control-key-page-down = Bild runter
control-pad-start = Start
control-pad-select = Select
control-pad-up = Steuerkreuz hoch
control-pad-down = Steuerkreuz runter
control-pad-left = Steuerkreuz links
control-pad-right = Steuerkreuz rechts
control-pad-other = Gamepad-Taste
