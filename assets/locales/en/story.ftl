# What happens in each place: sound captions, notices, hints and prompts; the drum score, the
# audiogram and the sign lesson.

## gig
gig-bar-chatter-glasses = [bar chatter, glasses]
gig-support-act-soundchecking = [the support act soundchecking on stage]
gig-high-ringing-ears = [a high ringing in your ears]
gig-rush-noise-buries = [a rush of noise buries everything]
gig-ringing-stays = [the ringing stays]
gig-band-drums-distorted = [the band: drums, distorted bass, a wall of guitar]
gig-music-thins-low = [the music thins into low, distant thuds]
gig-kick-floor = [only the kick, through the floor]
gig-hint-stage = The band is waiting. Your kit is on the stage.
gig-glass-clinks = [a glass clinks at the bar]
gig-prompt-play = Play

## morning
morning-silence-room = [silence: nothing in the room makes a sound yet]
morning-heartbeat-loud-inside = [your heartbeat, loud inside your head]
morning-own-breath = [your own breath]
morning-low-rumble-traffic = [a low rumble: traffic outside]
morning-blender-far-away = [the blender, far away]
morning-coffee-bubbling-muffled = [the coffee bubbling, muffled]
morning-radio-somewhere-under = [a radio, somewhere under water]
morning-blender-again-muffled = [the blender again, muffled]
morning-mug-warm-cannot = [the mug is warm; you cannot hear it touch the table]
morning-blender-hum-feel = [the blender: a hum you feel more than hear]
morning-truck-passes-outside = [now and then a truck passes outside: the floor trembles]
morning-waits-answer-did = [she waits for an answer you did not hear]
morning-taps-ear-then = [she taps her ear, then points at the door: a doctor, today]
morning-hint-coffee = She has poured you a coffee. It is on the table.
morning-hint-door = She is pointing at the door.
morning-prompt-coffee = Take the coffee
morning-prompt-doctor = Go to the doctor

## clinic
clinic-instruction = Press { $answer-tone } whenever you hear a tone, in either ear, however faint.
clinic-door-felt = [behind you the booth door thuds open; her steps come through the floor, felt more than heard]

## house
house-quiet-house-daylight = [a quiet house in daylight; children somewhere, felt more than heard]
house-signs-speaks-know = [he signs as he speaks; you do not know the signs yet]
house-points-long-table = [he points you to the long table: dinner]
house-dinner-sign-hands = [dinner, in sign: hands all around you]
house-they-sign-about = [they sign about the harvest; you catch none of it]
house-laughter-hear = [laughter you do not hear]
house-someone-taps-table = [someone taps the table; every face turns but yours]
house-long-story-told = [a long story told with the whole body; the table is in tears of laughter]
house-argument-about-roof = [an argument about the roof, fond and fast; you only see hands]
house-mentor-turns-time = [the mentor turns to you: time to learn a few signs]
house-children-play-boards = [the children play on the boards by the slide]
house-children-stamp-boards = [the children stamp on the boards; you feel it in your palms]
house-beat-can-longer = [a beat you can no longer hear, and still have]
house-sit-nothing-house = [sit, and do nothing: the house goes quiet as you hold still]
house-study-silence-room = [the house falls quiet: a faint hum, the children far off]
house-hint-dinner = Dinner is on the table. Take the empty chair at its end.
house-hint-floor = The children are playing on the boards. Put your hands on the floor.
house-hint-study = The mentor waits for you in his study.
house-hint-still = Stay still. Do not move, do not look around.
house-stamp-harder = [they stamp harder: the boards throb under your hands]
house-prompt-table = Sit down at the table
house-prompt-floor = Put your hands on the floor
house-prompt-study = Sit down
house-signed-harvest = Thank you for the bread. The squash came in twice what we planted.
house-signed-one-row = Don't look at me. I planted one row. One!
house-signed-tell-goat = Greta. Greta! Tell the new one about the goat.
house-signed-goat = The goat got up on the truck, then on its roof, and stayed there till dark.
house-signed-porch = Speaking of roofs: the porch leaks again. I said so in May.
house-signed-ladder = Then we fix it Thursday. You hold the ladder, friend.
house-signed-go-play = Good. Go on, friend: the children are on the boards. Say hello.

## stillness
stillness-rush-own-blood = [the rush of your own blood]
stillness-heartbeat = [your heartbeat]
stillness-breath-slow = [your breath, slow]
stillness-tendon-creaks-neck = [a tendon creaks in your neck]
stillness-swallow = [you swallow]
stillness-blink-hear = [you blink, and hear it]
stillness-silence-room = [near silence: only the room's faint, steady tone]
stillness-echo-hum-room = [no echo, no hum: the room swallows everything]
stillness-body-nothing-else = [only your body, and nothing else]
## The drum score at the gig
score-kick = Kick: { $control }
score-snare = Snare: { $control }
score-pattern = Kick on 1 and 3, snare on 2 and 4
score-kick-letter = K
score-snare-letter = S
score-beat = {" "}{ $drum }{" "}
score-beat-now = [{ $drum }]
score-bar = { $b1 }{ $b2 }{ $b3 }{ $b4 }
score-tally = in time { $tight }  loose { $loose }  off { $off }
score-tally-last =
    in time { $tight }  loose { $loose }  off { $off }
    { $verdict }, { $ms } ms { $when }
score-tight = in time
score-loose = loose
score-off = off the beat
score-early = early
score-late = late

## The audiogram in the clinic
chart-title = Your audiogram
chart-measured = Measured in the booth
chart-simulated = Your ears as the game simulates them
chart-level-axis = dB HL (hearing level) downward
chart-frequency-axis = frequency (Hz)
chart-normal = normal
chart-mild = mild
chart-moderate = moderate
chart-severe = severe
chart-profound = profound
chart-right-ear = right ear
chart-left-ear = left ear
chart-no-response = no response at the audiometer's limit
chart-simulated-threshold = simulated threshold (band: +/-5 dB)

## The sign lesson in the house
sign-card =
    { $meaning }
    Handshape: { $handshape }
sign-card-watch = Watch the hand, as in a mirror, then sign it back: press the way it moves.
sign-mentor-nods = [the mentor nods: { $sign }]
sign-mentor-again = [the mentor shakes his head and signs { $sign } again]
sign-hello = HELLO
sign-hello-handshape = flat hand, fingers together
sign-thank-you = THANK YOU
sign-thank-you-handshape = flat hand, fingertips at the chin
sign-friend = FRIEND
sign-friend-handshape = both index fingers hooked
