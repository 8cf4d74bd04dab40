# Was an jedem Ort geschieht: Geräusch-Untertitel, Hinweise und Aufforderungen; die Schlagzeug-
# Anzeige, das Audiogramm und die Gebärdenstunde.

## gig
gig-bar-chatter-glasses = [Stimmengewirr an der Bar, Gläser]
gig-support-act-soundchecking = [die Vorband macht Soundcheck auf der Bühne]
gig-high-ringing-ears = [ein hohes Klingeln in deinen Ohren]
gig-rush-noise-buries = [ein Rauschen begräbt alles]
gig-ringing-stays = [das Klingeln bleibt]
gig-band-drums-distorted = [die Band: Schlagzeug, verzerrter Bass, eine Wand aus Gitarren]
gig-music-thins-low = [die Musik zerfällt zu tiefen, fernen Schlägen]
gig-kick-floor = [nur die Bassdrum, durch den Boden]
gig-hint-stage = Die Band wartet. Dein Schlagzeug steht auf der Bühne.
gig-glass-clinks = [ein Glas klirrt an der Bar]
gig-prompt-play = Spielen

## morning
morning-silence-room = [Stille: noch macht nichts im Raum ein Geräusch]
morning-heartbeat-loud-inside = [dein Herzschlag, laut in deinem Kopf]
morning-own-breath = [dein eigener Atem]
morning-low-rumble-traffic = [ein tiefes Grollen: Verkehr draußen]
morning-blender-far-away = [der Mixer, weit weg]
morning-coffee-bubbling-muffled = [der Kaffee blubbert, gedämpft]
morning-radio-somewhere-under = [ein Radio, wie unter Wasser]
morning-blender-again-muffled = [wieder der Mixer, gedämpft]
morning-mug-warm-cannot = [die Tasse ist warm; du hörst nicht, wie sie den Tisch berührt]
morning-blender-hum-feel = [der Mixer: ein Brummen, mehr gespürt als gehört]
morning-truck-passes-outside = [ab und zu fährt draußen ein Lkw vorbei: der Boden bebt]
morning-waits-answer-did = [sie wartet auf eine Antwort – du hast die Frage nicht gehört]
morning-taps-ear-then = [sie tippt sich ans Ohr und zeigt zur Tür: zum Arzt, heute noch]
morning-hint-coffee = Sie hat dir Kaffee eingeschenkt. Er steht auf dem Tisch.
morning-hint-door = Sie zeigt auf die Tür.
morning-prompt-coffee = Kaffee nehmen
morning-prompt-doctor = Zum Arzt gehen

## clinic
clinic-instruction = Drück { $answer-tone }, sobald du einen Ton hörst, egal auf welchem Ohr und wie leise.
clinic-door-felt = [hinter dir geht dumpf die Kabinentür auf; ihre Schritte kommen durch den Boden, mehr gespürt als gehört]

## house
house-quiet-house-daylight = [ein stilles Haus bei Tageslicht; irgendwo Kinder, mehr gespürt als gehört]
house-signs-speaks-know = [er gebärdet, während er spricht; du kennst die Gebärden noch nicht]
house-points-long-table = [er weist dich zum langen Tisch: Abendessen]
house-dinner-sign-hands = [Abendessen in Gebärdensprache: überall Hände um dich herum]
house-they-sign-about = [sie gebärden über die Ernte; du verstehst nichts davon]
house-laughter-hear = [Lachen, das du nicht hörst]
house-someone-taps-table = [jemand klopft auf den Tisch; alle drehen sich um, nur du nicht]
house-long-story-told = [eine lange Geschichte, mit dem ganzen Körper erzählt; der Tisch weint vor Lachen]
house-argument-about-roof = [ein Streit übers Dach, liebevoll und schnell; du siehst nur Hände]
house-mentor-turns-time = [der Mentor wendet sich dir zu: Zeit für ein paar Gebärden]
house-children-play-boards = [die Kinder spielen auf den Dielen bei der Rutsche]
house-children-stamp-boards = [die Kinder stampfen auf die Dielen; du spürst es in den Handflächen]
house-beat-can-longer = [ein Rhythmus, den du nicht mehr hörst – und trotzdem hast]
house-sit-nothing-house = [sitz und tu nichts: das Haus wird still, während du stillhältst]
house-study-silence-room = [das Haus wird still: ein leises Summen, die Kinder weit weg]
house-hint-dinner = Das Essen steht auf dem Tisch. Nimm den freien Stuhl am Ende.
house-hint-floor = Die Kinder spielen auf den Dielen. Leg die Hände auf den Boden.
house-hint-study = Der Mentor wartet in seinem Arbeitszimmer auf dich.
house-hint-still = Halt still. Beweg dich nicht, schau dich nicht um.
house-stamp-harder = [sie stampfen fester: die Dielen pochen unter deinen Händen]
house-prompt-table = An den Tisch setzen
house-prompt-floor = Hände auf den Boden legen
house-prompt-study = Hinsetzen
house-signed-harvest = Danke fürs Brot. Der Kürbis hat doppelt so viel getragen wie gedacht.
house-signed-one-row = Schau mich nicht an. Ich hab eine Reihe gepflanzt. Eine!
house-signed-tell-goat = Greta. Greta! Erzähl dem Neuen die Sache mit der Ziege.
house-signed-goat = Die Ziege ist auf den Pick-up geklettert, dann aufs Dach, und da blieb sie, bis es dunkel war.
house-signed-porch = Apropos Dach: Die Veranda ist wieder undicht. Hab ich im Mai gesagt.
house-signed-ladder = Dann reparieren wir's am Donnerstag. Du hältst die Leiter, mein Freund.
house-signed-go-play = Gut. Geh nur, Freund: Die Kinder sind auf den Dielen. Sag Hallo.

## stillness
stillness-rush-own-blood = [das Rauschen deines eigenen Bluts]
stillness-heartbeat = [dein Herzschlag]
stillness-breath-slow = [dein Atem, langsam]
stillness-tendon-creaks-neck = [eine Sehne knackt in deinem Nacken]
stillness-swallow = [du schluckst]
stillness-blink-hear = [du blinzelst und hörst es]
stillness-silence-room = [fast Stille: nur der leise, gleichmäßige Ton des Raums]
stillness-echo-hum-room = [kein Echo, kein Brummen: der Raum schluckt alles]
stillness-body-nothing-else = [nur dein Körper, sonst nichts]

## The drum score at the gig
score-kick = Bassdrum: { $control }
score-snare = Snare: { $control }
score-pattern = Bassdrum auf 1 und 3, Snare auf 2 und 4
score-kick-letter = B
score-snare-letter = S
score-beat = {" "}{ $drum }{" "}
score-beat-now = [{ $drum }]
score-bar = { $b1 }{ $b2 }{ $b3 }{ $b4 }
score-tally = im Takt { $tight }  knapp { $loose }  daneben { $off }
score-tally-last =
    im Takt { $tight }  knapp { $loose }  daneben { $off }
    { $verdict }, { $ms } ms { $when }
score-tight = im Takt
score-loose = knapp
score-off = neben dem Takt
score-early = zu früh
score-late = zu spät

## The audiogram in the clinic
chart-title = Dein Audiogramm
chart-measured = In der Kabine gemessen
chart-simulated = Deine Ohren, wie das Spiel sie simuliert
chart-level-axis = dB HL (Hörpegel) nach unten
chart-frequency-axis = Frequenz (Hz)
chart-normal = normal
chart-mild = leicht
chart-moderate = mittel
chart-severe = schwer
chart-profound = hochgradig
chart-right-ear = rechtes Ohr
chart-left-ear = linkes Ohr
chart-no-response = keine Reaktion an der Grenze des Audiometers
chart-simulated-threshold = simulierte Schwelle (Band: +/-5 dB)

## The sign lesson in the house
sign-card =
    { $meaning }
    Handform: { $handshape }
sign-card-watch = Sieh der Hand zu wie in einem Spiegel und gebärde nach: Drück in die Richtung, in die sie sich bewegt.
sign-mentor-nods = [der Mentor nickt: { $sign }]
sign-mentor-again = [der Mentor schüttelt den Kopf und gebärdet noch einmal { $sign }]
sign-hello = HALLO
sign-hello-handshape = flache Hand, Finger geschlossen
sign-thank-you = DANKE
sign-thank-you-handshape = flache Hand, Fingerspitzen am Kinn
sign-friend = FREUND
sign-friend-handshape = beide Zeigefinger gekrümmt
