# An exhibition station: the attract loop's banner, the idle countdown, the operator overlay.

exhibit-begin = Press any button to begin
exhibit-banner = STILLNESS: a night, and the weeks after it, through a drummer's failing ears
exhibit-still-there = Still there?
exhibit-keep-playing = Press any button or move to keep playing.
exhibit-starting-over = Starting over in { $seconds } s

overlay-title = OPERATOR
overlay-pin =
    Enter the PIN, then Enter.   { $typed }
    { $notice }

    Esc  close{ $wrong ->
        [0] {""}
       *[other] {"   "}({ $wrong } wrong so far)
    }
overlay-wrong-pin = Wrong PIN.
overlay-panel =
    Status   up { $uptime }   { $visit }   sessions today { $sessions }   completed { $completed }   sound { $device } ({ $rendered } s rendered)
    Last error: { $error }

    1  calibration tone, left ear     2  right ear     3  tone off
    4  rumble test     5  caption preview: next language
    Caption preview [{ $language }]  { $preview }

    R  reset to the attract loop     X  restart     Q  quit to the desktop
    Esc  close

    { $notice }
overlay-attract-loop = attract loop
overlay-visitor-playing = visitor playing
overlay-no-error = none
overlay-device-unknown = unknown
overlay-device-playing = playing
overlay-device-offline = offline on purpose
overlay-device-silent = SILENT for { $seconds } s
overlay-tone = 1 kHz sine at { $dbfs } dBFS ({ $spl } dB SPL by the calibration) in the { $ear } ear.
overlay-tone-held-down =
    1 kHz sine at { $dbfs } dBFS ({ $spl } dB SPL by the calibration) in the { $ear } ear.
    The ceiling ({ $ceiling } dBFS) holds the tone down: calibrate with a ceiling of { $wanted } dBFS or more.
overlay-left-ear = LEFT
overlay-right-ear = RIGHT
overlay-tone-failed = The tone would not play: { $error }
overlay-tone-off = Tone off.
overlay-rumble-sent = { $gamepads ->
    [one] Rumble sent to 1 gamepad for 1 s.
   *[other] Rumble sent to { $gamepads } gamepads for 1 s.
}
