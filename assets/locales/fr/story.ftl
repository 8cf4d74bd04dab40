# Ce qui se passe dans chaque lieu : sous-titres des sons, remarques, indications ; le tableau de la
# batterie, l'audiogramme et la leçon de signes.

## gig
gig-bar-chatter-glasses = [brouhaha au bar, verres]
gig-support-act-soundchecking = [la première partie fait ses balances sur scène]
gig-high-ringing-ears = [un sifflement aigu dans les oreilles]
gig-rush-noise-buries = [un déferlement de bruit recouvre tout]
gig-ringing-stays = [le sifflement persiste]
gig-band-drums-distorted = [le groupe : batterie, basse saturée, un mur de guitares]
gig-music-thins-low = [la musique se réduit à des coups sourds et lointains]
gig-kick-floor = [seule la grosse caisse, à travers le sol]
gig-hint-stage = Le groupe vous attend. Votre batterie est sur scène.
gig-glass-clinks = [un verre tinte au bar]
gig-prompt-play = Jouer

## morning
morning-silence-room = [silence : rien ne fait encore de bruit ici]
morning-heartbeat-loud-inside = [votre cœur qui cogne dans votre tête]
morning-own-breath = [votre propre souffle]
morning-low-rumble-traffic = [un grondement sourd : la circulation dehors]
morning-blender-far-away = [le mixeur, au loin]
morning-coffee-bubbling-muffled = [le café glougloute, étouffé]
morning-radio-somewhere-under = [une radio, comme sous l'eau]
morning-blender-again-muffled = [encore le mixeur, étouffé]
morning-mug-warm-cannot = [la tasse est chaude ; vous ne l'entendez pas toucher la table]
morning-blender-hum-feel = [le mixeur : un bourdonnement qu'on sent plus qu'on ne l'entend]
morning-truck-passes-outside = [de temps en temps, un camion passe dehors : le sol tremble]
morning-waits-answer-did = [elle attend une réponse à une question que vous n'avez pas entendue]
morning-taps-ear-then = [elle tapote son oreille, puis montre la porte : chez le médecin, aujourd'hui]
morning-hint-coffee = Elle vous a servi un café. Il est sur la table.
morning-hint-door = Elle vous montre la porte.
morning-prompt-coffee = Prendre le café
morning-prompt-doctor = Aller chez le médecin

## clinic
clinic-instruction = Appuyez sur { $answer-tone } dès que vous entendez un son, d'une oreille ou de l'autre, même très faible.
clinic-door-felt = [derrière vous, la porte de la cabine s'ouvre dans un bruit sourd ; ses pas montent par le sol, plus sentis qu'entendus]

## house
house-quiet-house-daylight = [une maison calme en plein jour ; des enfants quelque part, qu'on sent plus qu'on ne les entend]
house-signs-speaks-know = [il signe en parlant ; vous ne connaissez pas encore les signes]
house-points-long-table = [il vous montre la grande table : le dîner]
house-dinner-sign-hands = [le dîner, en langue des signes : des mains tout autour de vous]
house-they-sign-about = [ils signent à propos de la récolte ; vous n'en saisissez rien]
house-laughter-hear = [des rires que vous n'entendez pas]
house-someone-taps-table = [quelqu'un tape sur la table ; tous les visages se tournent, sauf le vôtre]
house-long-story-told = [une longue histoire racontée avec tout le corps ; la table pleure de rire]
house-argument-about-roof = [une dispute à propos du toit, tendre et rapide ; vous ne voyez que des mains]
house-mentor-turns-time = [le mentor se tourne vers vous : il est temps d'apprendre quelques signes]
house-children-play-boards = [les enfants jouent sur le plancher près du toboggan]
house-children-stamp-boards = [les enfants tapent des pieds sur le plancher ; vous le sentez dans vos paumes]
house-beat-can-longer = [un rythme que vous n'entendez plus, et que vous avez toujours]
house-sit-nothing-house = [asseyez-vous et ne faites rien : la maison se tait tant que vous restez immobile]
house-study-silence-room = [la maison se tait : un léger bourdonnement, les enfants au loin]
house-hint-dinner = Le dîner est servi. Prenez la chaise libre au bout de la table.
house-hint-floor = Les enfants jouent sur le plancher. Posez les mains au sol.
house-hint-study = Le mentor vous attend dans son bureau.
house-hint-still = Restez immobile. Ne bougez pas, ne regardez pas autour de vous.
house-stamp-harder = [ils tapent plus fort : le plancher vibre sous vos mains]
house-prompt-table = S'asseoir à table
house-prompt-floor = Poser les mains au sol
house-prompt-study = S'asseoir
house-signed-harvest = Merci pour le pain. Les courges ont donné le double de ce qu'on a planté.
house-signed-one-row = Me regarde pas. J'en ai planté un rang. Un seul !
house-signed-tell-goat = Greta. Greta ! Raconte au nouveau l'histoire de la chèvre.
house-signed-goat = La chèvre est montée sur le pick-up, puis sur le toit, et y est restée jusqu'à la nuit.
house-signed-porch = À propos de toit : le porche fuit encore. Je l'avais dit en mai.
house-signed-ladder = Alors on répare jeudi. Toi, tu tiens l'échelle, mon ami.
house-signed-go-play = Bien. Vas-y, mon ami : les enfants sont sur le plancher. Dis-leur bonjour.

## stillness
stillness-rush-own-blood = [le bruissement de votre propre sang]
stillness-heartbeat = [votre cœur]
stillness-breath-slow = [votre souffle, lent]
stillness-tendon-creaks-neck = [un tendon craque dans votre nuque]
stillness-swallow = [vous déglutissez]
stillness-blink-hear = [vous clignez des yeux, et vous l'entendez]
stillness-silence-room = [presque le silence : seulement le son ténu et continu de la pièce]
stillness-echo-hum-room = [ni écho ni bourdonnement : la pièce avale tout]
stillness-body-nothing-else = [seulement votre corps, rien d'autre]

## The drum score at the gig
score-kick = Grosse caisse : { $control }
score-snare = Caisse claire : { $control }
score-pattern = Grosse caisse sur 1 et 3, caisse claire sur 2 et 4
score-kick-letter = G
score-snare-letter = C
score-beat = {" "}{ $drum }{" "}
score-beat-now = [{ $drum }]
score-bar = { $b1 }{ $b2 }{ $b3 }{ $b4 }
score-tally = en rythme { $tight }  approximatif { $loose }  à côté { $off }
score-tally-last =
    en rythme { $tight }  approximatif { $loose }  à côté { $off }
    { $verdict }, { $ms } ms { $when }
score-tight = en rythme
score-loose = approximatif
score-off = à côté du temps
score-early = en avance
score-late = en retard

## The audiogram in the clinic
chart-title = Votre audiogramme
chart-measured = Mesuré en cabine
chart-simulated = Vos oreilles, telles que le jeu les simule
chart-level-axis = dB HL (niveau d'audition) vers le bas
chart-frequency-axis = fréquence (Hz)
chart-normal = normale
chart-mild = légère
chart-moderate = moyenne
chart-severe = sévère
chart-profound = profonde
chart-right-ear = oreille droite
chart-left-ear = oreille gauche
chart-no-response = pas de réponse à la limite de l'audiomètre
chart-simulated-threshold = seuil simulé (bande : +/-5 dB)

## The sign lesson in the house
sign-card =
    { $meaning }
    Configuration : { $handshape }
sign-card-watch = Regardez la main comme dans un miroir, puis refaites le signe : appuyez dans le sens où elle bouge.
sign-mentor-nods = [le mentor acquiesce : { $sign }]
sign-mentor-again = [le mentor secoue la tête et signe à nouveau { $sign }]
sign-hello = BONJOUR
sign-hello-handshape = main plate, doigts serrés
sign-thank-you = MERCI
sign-thank-you-handshape = main plate, bout des doigts au menton
sign-friend = AMI
sign-friend-handshape = les deux index recourbés
