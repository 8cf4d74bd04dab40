# Ce que tous les lieux partagent à l'écran : titre, pause, indications, sous-titres, générique.

# Du texte tel quel (l'étiquette d'une touche, un nombre, le nom d'une langue dans cette langue).
verbatim = { $text }

title-name = STILLNESS
title-subtitle = Une nuit, et les semaines qui suivent, à travers les oreilles d'un batteur qui perd l'ouïe.
title-content-note = Avertissement : sons forts, sifflements dans les oreilles et lumières clignotantes. Le son reste à un niveau sûr : rien de ce que vous entendez ne dépasse un plafond fixé, et les lumières ne clignotent pas plus de trois fois par seconde.
title-headphones = À écouter de préférence au casque.
title-begin = Appuyez sur une touche ou un bouton
title-settings = { $control }  réglages

pause-title = Pause
pause-resume = { $control }  reprendre
pause-quit = { $control }  quitter

prompt-use = { $control }  { $what }

caption-speaker = { $name } :
caption-from-left = ◀
caption-from-right = ▶
caption-muffled = [étouffé] { $fragments }
caption-muffled-voice = [voix étouffée]
speaker-you = Vous
speaker-singer = La chanteuse
speaker-mentor = Le mentor
speaker-lou = Lou
speaker-marisol = Marisol
speaker-teo = Teo
speaker-annie = Annie
speaker-jonah = Jonah
speaker-greta = Greta

caption-in-sign = [en langue des signes] { $said }
caption-signing-lost = [on signe ; vous ne pouvez pas encore suivre]
caption-signing-caught = [on signe ; vous ne saisissez que { $signs }]
caption-signs-then = { $first } … { $rest }
caption-sounds-together = { $first } { $rest }
caption-silence-meant = [silence : les oreilles n'entendent rien ici]

end-safe-listening = L'audition perdue à cause du bruit ne revient pas, et cette perte peut s'éviter. Portez des bouchons d'oreille en concert, en boîte et dans les métiers bruyants. Ne dépassez pas environ 60 % du volume de votre casque, et reposez vos oreilles toutes les heures. Si vos oreilles sifflent ou si tout vous paraît étouffé après une soirée bruyante, offrez-leur une journée calme ; si cela dure, consultez un médecin ou un audioprothésiste.
end-credits-homage = Stillness, un hommage au design sonore du film Sound of Metal (2019).
end-credits-made-with = Réalisé avec Bevy et kira. Simulation auditive d'après les modèles MSBG et 3D Tune-In.
end-credits-sounds = Tous les sons générés par tools/soundgen ; voix d'espeak-ng.
end-credits-thanks = Merci de votre écoute.

control-either = { $desk } / { $pad }
control-unbound = non attribué
control-mouse-left = clic gauche
control-mouse-right = clic droit
control-mouse-middle = clic molette
control-mouse-other = bouton de souris { $button }
control-key-up = Haut
control-key-down = Bas
control-key-left = Gauche
control-key-right = Droite
control-key-escape = Échap
control-key-space = Espace
control-key-enter = Entrée
control-key-tab = Tab
control-key-backspace = Retour arrière
control-key-page-up = Page préc.
control-key-page-down = Page suiv.
control-pad-start = Start
control-pad-select = Select
control-pad-up = croix haut
control-pad-down = croix bas
control-pad-left = croix gauche
control-pad-right = croix droite
control-pad-other = bouton de manette
