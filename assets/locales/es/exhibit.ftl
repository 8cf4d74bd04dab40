# Un puesto de exposición: el cartel del bucle de espera, la cuenta atrás y el panel del operador.

exhibit-begin = Pulsa cualquier botón para empezar
exhibit-banner = STILLNESS: una noche, y las semanas que siguen, a través de los oídos de un batería que pierde la audición
exhibit-still-there = ¿Sigues ahí?
exhibit-keep-playing = Pulsa cualquier botón o muévete para seguir jugando.
exhibit-starting-over = { $seconds ->
    [one] Se reinicia en { $seconds } segundo
   *[other] Se reinicia en { $seconds } segundos
}

overlay-title = OPERADOR
overlay-pin =
    Escribe el PIN y pulsa Intro.   { $typed }
    { $notice }

    Esc  cerrar{ $wrong ->
        [0] {""}
        [one] {"   "}({ $wrong } intento fallido)
       *[other] {"   "}({ $wrong } intentos fallidos)
    }
overlay-wrong-pin = PIN incorrecto.
overlay-panel =
    Estado   activo { $uptime }   { $visit }   sesiones hoy { $sessions }   completadas { $completed }   sonido { $device } ({ $rendered } s generados)
    Último error: { $error }

    1  tono de calibración, oído izquierdo     2  oído derecho     3  apagar tono
    4  prueba de vibración     5  vista previa de subtítulos: siguiente idioma
    Vista previa [{ $language }]  { $preview }

    R  volver al bucle de espera     X  reiniciar     Q  salir al escritorio
    Esc  cerrar

    { $notice }
overlay-attract-loop = bucle de espera
overlay-visitor-playing = visitante jugando
overlay-no-error = ninguno
overlay-device-unknown = desconocido
overlay-device-playing = sonando
overlay-device-offline = sin salida, a propósito
overlay-device-silent = EN SILENCIO desde hace { $seconds } s
overlay-tone = Seno de 1 kHz a { $dbfs } dBFS ({ $spl } dB SPL según la calibración) en el oído { $ear }.
overlay-tone-held-down =
    Seno de 1 kHz a { $dbfs } dBFS ({ $spl } dB SPL según la calibración) en el oído { $ear }.
    El límite ({ $ceiling } dBFS) recorta el tono: calibra con un límite de { $wanted } dBFS o más.
overlay-left-ear = IZQUIERDO
overlay-right-ear = DERECHO
overlay-tone-failed = El tono no se ha podido reproducir: { $error }
overlay-tone-off = Tono apagado.
overlay-rumble-sent = { $gamepads ->
    [one] Vibración enviada a 1 mando durante 1 s.
   *[other] Vibración enviada a { $gamepads } mandos durante 1 s.
}
