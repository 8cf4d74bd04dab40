# Eine Ausstellungsstation: das Banner der Warteschleife, der Countdown, das Bedienfeld.

exhibit-begin = Beliebige Taste drücken, um zu beginnen
exhibit-banner = STILLNESS: eine Nacht und die Wochen danach, durch die versagenden Ohren eines Schlagzeugers
exhibit-still-there = Noch da?
exhibit-keep-playing = Drück eine Taste oder beweg dich, um weiterzuspielen.
exhibit-starting-over = { $seconds ->
    [one] Neustart in { $seconds } Sekunde
   *[other] Neustart in { $seconds } Sekunden
}

overlay-title = BETREUUNG
overlay-pin =
    PIN eingeben, dann Eingabe.   { $typed }
    { $notice }

    Esc  schließen{ $wrong ->
        [0] {""}
       *[other] {"   "}(bisher { $wrong } falsch)
    }
overlay-wrong-pin = Falsche PIN.
overlay-panel =
    Status   läuft seit { $uptime }   { $visit }   Sitzungen heute { $sessions }   beendet { $completed }   Ton { $device } ({ $rendered } s berechnet)
    Letzter Fehler: { $error }

    1  Kalibrierton, linkes Ohr     2  rechtes Ohr     3  Ton aus
    4  Vibrationstest     5  Untertitelvorschau: nächste Sprache
    Untertitelvorschau [{ $language }]  { $preview }

    R  zurück zur Warteschleife     X  neu starten     Q  zum Desktop beenden
    Esc  schließen

    { $notice }
overlay-attract-loop = Warteschleife
overlay-visitor-playing = Besuch läuft
overlay-no-error = keiner
overlay-device-unknown = unbekannt
overlay-device-playing = spielt
overlay-device-offline = absichtlich ohne Ausgabe
overlay-device-silent = STUMM seit { $seconds } s
overlay-tone = 1-kHz-Sinus mit { $dbfs } dBFS ({ $spl } dB SPL laut Kalibrierung) auf dem { $ear } Ohr.
overlay-tone-held-down =
    1-kHz-Sinus mit { $dbfs } dBFS ({ $spl } dB SPL laut Kalibrierung) auf dem { $ear } Ohr.
    Die Obergrenze ({ $ceiling } dBFS) drückt den Ton herunter: mit einer Obergrenze von { $wanted } dBFS oder mehr kalibrieren.
overlay-left-ear = LINKEN
overlay-right-ear = RECHTEN
overlay-tone-failed = Der Ton ließ sich nicht abspielen: { $error }
overlay-tone-off = Ton aus.
overlay-rumble-sent = { $gamepads ->
    [one] Vibration 1 s lang an 1 Gamepad gesendet.
   *[other] Vibration 1 s lang an { $gamepads } Gamepads gesendet.
}
