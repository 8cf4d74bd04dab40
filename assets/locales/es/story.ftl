# Lo que pasa en cada lugar: subtítulos de sonidos, avisos, pistas e indicaciones; la partitura de la
# batería, el audiograma y la lección de signos.

## gig
gig-bar-chatter-glasses = [charla en la barra, vasos]
gig-support-act-soundchecking = [el grupo telonero prueba sonido en el escenario]
gig-high-ringing-ears = [un pitido agudo en los oídos]
gig-rush-noise-buries = [un torrente de ruido lo tapa todo]
gig-ringing-stays = [el pitido no se va]
gig-band-drums-distorted = [la banda: batería, bajo distorsionado, un muro de guitarras]
gig-music-thins-low = [la música se reduce a golpes graves y lejanos]
gig-kick-floor = [solo el bombo, a través del suelo]
gig-hint-stage = La banda te espera. Tu batería está en el escenario.
gig-glass-clinks = [tintineo de un vaso en la barra]
gig-prompt-play = Tocar

## morning
morning-silence-room = [silencio: todavía no suena nada]
morning-heartbeat-loud-inside = [tu corazón, retumbando dentro de la cabeza]
morning-own-breath = [tu propia respiración]
morning-low-rumble-traffic = [un rumor grave: tráfico fuera]
morning-blender-far-away = [la batidora, a lo lejos]
morning-coffee-bubbling-muffled = [el café borbotea, amortiguado]
morning-radio-somewhere-under = [una radio, como bajo el agua]
morning-blender-again-muffled = [otra vez la batidora, amortiguada]
morning-mug-warm-cannot = [la taza está caliente; no oyes cómo toca la mesa]
morning-blender-hum-feel = [la batidora: un zumbido que se siente más que se oye]
morning-truck-passes-outside = [de vez en cuando pasa un camión: el suelo tiembla]
morning-waits-answer-did = [espera una respuesta a algo que no has oído]
morning-taps-ear-then = [se toca la oreja y señala la puerta: al médico, hoy]
morning-hint-coffee = Te ha servido un café. Está en la mesa.
morning-hint-door = Te está señalando la puerta.
morning-prompt-coffee = Coger el café
morning-prompt-doctor = Ir al médico

## clinic
clinic-instruction = Pulsa { $answer-tone } cada vez que oigas un tono, en cualquier oído, por débil que sea.
clinic-door-felt = [a tu espalda, la puerta de la cabina se abre con un golpe sordo; sus pasos llegan por el suelo, más sentidos que oídos]

## house
house-quiet-house-daylight = [una casa tranquila a plena luz; niños en algún sitio, se sienten más que se oyen]
house-signs-speaks-know = [signa mientras habla; todavía no conoces los signos]
house-points-long-table = [te señala la mesa larga: la cena]
house-dinner-sign-hands = [la cena, en lengua de signos: manos a tu alrededor]
house-they-sign-about = [signan sobre la cosecha; no captas nada]
house-laughter-hear = [risas que no oyes]
house-someone-taps-table = [alguien golpea la mesa; todas las caras se giran menos la tuya]
house-long-story-told = [una larga historia contada con todo el cuerpo; la mesa llora de risa]
house-argument-about-roof = [una discusión sobre el tejado, cariñosa y rápida; solo ves manos]
house-mentor-turns-time = [el mentor se vuelve hacia ti: hora de aprender unos signos]
house-children-play-boards = [los niños juegan en la tarima junto al tobogán]
house-children-stamp-boards = [los niños dan pisotones en la tarima; lo notas en las palmas]
house-beat-can-longer = [un ritmo que ya no oyes, y que sigues teniendo]
house-sit-nothing-house = [siéntate y no hagas nada: la casa se calla mientras estás quieto]
house-study-silence-room = [la casa se queda en silencio: un zumbido leve, los niños a lo lejos]
house-hint-dinner = La cena está en la mesa. Siéntate en la silla libre del extremo.
house-hint-floor = Los niños juegan en la tarima. Pon las manos en el suelo.
house-hint-study = El mentor te espera en su estudio.
house-hint-still = Quédate quieto. No te muevas, no mires alrededor.
house-stamp-harder = [pisan más fuerte: la tarima late bajo tus manos]
house-prompt-table = Sentarse a la mesa
house-prompt-floor = Poner las manos en el suelo
house-prompt-study = Sentarse
house-signed-harvest = Gracias por el pan. La calabaza ha dado el doble de lo que plantamos.
house-signed-one-row = A mí no me mires. Yo planté una fila. ¡Una!
house-signed-tell-goat = Greta. ¡Greta! Cuéntale al nuevo lo de la cabra.
house-signed-goat = La cabra se subió a la camioneta, luego al techo, y no bajó hasta la noche.
house-signed-porch = Hablando de tejados: el porche vuelve a gotear. Lo dije en mayo.
house-signed-ladder = Pues lo arreglamos el jueves. Tú sujetas la escalera, amigo.
house-signed-go-play = Bien. Anda, amigo: los niños están en la tarima. Ve a saludarlos.

## stillness
stillness-rush-own-blood = [el rumor de tu propia sangre]
stillness-heartbeat = [tu corazón]
stillness-breath-slow = [tu respiración, lenta]
stillness-tendon-creaks-neck = [un tendón cruje en tu cuello]
stillness-swallow = [tragas saliva]
stillness-blink-hear = [parpadeas y lo oyes]
stillness-silence-room = [casi silencio: solo el tono tenue y constante de la sala]
stillness-echo-hum-room = [ni eco ni zumbido: la sala se lo traga todo]
stillness-body-nothing-else = [solo tu cuerpo, nada más]

## The drum score at the gig
score-kick = Bombo: { $control }
score-snare = Caja: { $control }
score-pattern = Bombo en 1 y 3, caja en 2 y 4
score-kick-letter = B
score-snare-letter = C
score-beat = {" "}{ $drum }{" "}
score-beat-now = [{ $drum }]
score-bar = { $b1 }{ $b2 }{ $b3 }{ $b4 }
score-tally = a tiempo { $tight }  justo { $loose }  fuera { $off }
score-tally-last =
    a tiempo { $tight }  justo { $loose }  fuera { $off }
    { $verdict }, { $ms } ms { $when }
score-tight = a tiempo
score-loose = justo
score-off = fuera de tiempo
score-early = antes
score-late = tarde

## The audiogram in the clinic
chart-title = Tu audiograma
chart-measured = Medido en la cabina
chart-simulated = Tus oídos, tal como los simula el juego
chart-level-axis = dB HL (nivel de audición) hacia abajo
chart-frequency-axis = frecuencia (Hz)
chart-normal = normal
chart-mild = leve
chart-moderate = moderada
chart-severe = severa
chart-profound = profunda
chart-right-ear = oído derecho
chart-left-ear = oído izquierdo
chart-no-response = sin respuesta al límite del audiómetro
chart-simulated-threshold = umbral simulado (franja: +/-5 dB)

## The sign lesson in the house
sign-card =
    { $meaning }
    Forma de la mano: { $handshape }
sign-card-watch = Mira la mano como en un espejo y repite el signo: pulsa hacia donde se mueve.
sign-mentor-nods = [el mentor asiente: { $sign }]
sign-mentor-again = [el mentor niega con la cabeza y vuelve a signar { $sign }]
sign-hello = HOLA
sign-hello-handshape = mano plana, dedos juntos
sign-thank-you = GRACIAS
sign-thank-you-handshape = mano plana, yemas en la barbilla
sign-friend = AMIGO
sign-friend-handshape = los dos índices en gancho
