# Lo que comparten todos los lugares en pantalla: título, pausa, indicaciones, subtítulos, cierre.

# Texto tal cual (la letra de una tecla, un número, el nombre propio de un idioma).
verbatim = { $text }

title-name = STILLNESS
title-subtitle = Una noche, y las semanas que siguen, a través de los oídos de un batería que pierde la audición.
title-content-note = Aviso: sonidos fuertes, pitidos en los oídos y luces intermitentes. El sonido se mantiene a un nivel seguro: nada de lo que oigas supera un límite fijado, y las luces no parpadean más de tres veces por segundo.
title-headphones = Mejor con auriculares.
title-begin = Pulsa cualquier tecla o botón
title-settings = { $control }  ajustes

pause-title = En pausa
pause-resume = { $control }  continuar
pause-quit = { $control }  salir

prompt-use = { $control }  { $what }

caption-speaker = { $name }:
caption-from-left = ◀
caption-from-right = ▶
caption-muffled = [amortiguado] { $fragments }
caption-muffled-voice = [voz amortiguada]
speaker-you = Tú
speaker-singer = Cantante
speaker-mentor = Mentor
speaker-lou = Lou
speaker-marisol = Marisol
speaker-teo = Teo
speaker-annie = Annie
speaker-jonah = Jonah
speaker-greta = Greta

caption-in-sign = [en lengua de signos] { $said }
caption-signing-lost = [signan algo que aún no sabes seguir]
caption-signing-caught = [signan; solo captas { $signs }]
caption-signs-then = { $first } … { $rest }
caption-sounds-together = { $first } { $rest }
caption-silence-meant = [silencio: los oídos no oyen nada aquí]

end-safe-listening = La audición que se pierde por el ruido no vuelve, y se puede evitar. Usa tapones en conciertos, en discotecas y en trabajos ruidosos. No subas los auriculares a más del 60 % de su volumen y descansa los oídos cada hora. Si después de una noche de ruido te pitan los oídos o lo oyes todo apagado, dales un día de silencio; si no se pasa, ve al médico o a un audiólogo.
end-credits-homage = Stillness, un homenaje al diseño sonoro de la película Sound of Metal (2019).
end-credits-made-with = Hecho con Bevy y kira. Simulación auditiva basada en los modelos MSBG y 3D Tune-In.
end-credits-sounds = Todos los sonidos, generados con tools/soundgen; voces de espeak-ng.
end-credits-thanks = Gracias por escuchar.

control-either = { $desk } / { $pad }
control-unbound = sin asignar
control-mouse-left = clic izquierdo
control-mouse-right = clic derecho
control-mouse-middle = clic central
control-mouse-other = botón del ratón { $button }
control-key-up = Arriba
control-key-down = Abajo
control-key-left = Izquierda
control-key-right = Derecha
control-key-escape = Esc
control-key-space = Espacio
control-key-enter = Intro
control-key-tab = Tab
control-key-backspace = Retroceso
control-key-page-up = Re Pág
control-key-page-down = Av Pág
control-pad-start = Start
control-pad-select = Select
control-pad-up = cruceta arriba
control-pad-down = cruceta abajo
control-pad-left = cruceta izquierda
control-pad-right = cruceta derecha
control-pad-other = botón del mando
