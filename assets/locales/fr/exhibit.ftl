# Une borne d'exposition : la bannière de la boucle d'attente, le compte à rebours, le panneau de l'opérateur.

exhibit-begin = Appuyez sur un bouton pour commencer
exhibit-banner = STILLNESS : une nuit, et les semaines qui suivent, à travers les oreilles d'un batteur qui perd l'ouïe
exhibit-still-there = Vous êtes toujours là ?
exhibit-keep-playing = Appuyez sur un bouton ou bougez pour continuer.
exhibit-starting-over = { $seconds ->
    [one] Retour au début dans { $seconds } seconde
   *[other] Retour au début dans { $seconds } secondes
}

overlay-title = OPÉRATEUR
overlay-pin =
    Saisissez le code PIN, puis Entrée.   { $typed }
    { $notice }

    Échap  fermer{ $wrong ->
        [0] {""}
        [one] {"   "}({ $wrong } erreur jusqu'ici)
       *[other] {"   "}({ $wrong } erreurs jusqu'ici)
    }
overlay-wrong-pin = Code PIN erroné.
overlay-panel =
    État   en marche depuis { $uptime }   { $visit }   sessions du jour { $sessions }   terminées { $completed }   son { $device } ({ $rendered } s calculées)
    Dernière erreur : { $error }

    1  son d'étalonnage, oreille gauche     2  oreille droite     3  couper le son
    4  test de vibration     5  aperçu des sous-titres : langue suivante
    Aperçu [{ $language }]  { $preview }

    R  revenir à la boucle d'attente     X  redémarrer     Q  quitter vers le bureau
    Échap  fermer

    { $notice }
overlay-attract-loop = boucle d'attente
overlay-visitor-playing = visite en cours
overlay-no-error = aucune
overlay-device-unknown = inconnu
overlay-device-playing = en lecture
overlay-device-offline = hors ligne, volontairement
overlay-device-silent = MUET depuis { $seconds } s
overlay-tone = Sinus de 1 kHz à { $dbfs } dBFS ({ $spl } dB SPL selon l'étalonnage) dans l'oreille { $ear }.
overlay-tone-held-down =
    Sinus de 1 kHz à { $dbfs } dBFS ({ $spl } dB SPL selon l'étalonnage) dans l'oreille { $ear }.
    Le plafond ({ $ceiling } dBFS) bride le son : étalonnez avec un plafond d'au moins { $wanted } dBFS.
overlay-left-ear = GAUCHE
overlay-right-ear = DROITE
overlay-tone-failed = Le son n'a pas pu être joué : { $error }
overlay-tone-off = Son coupé.
overlay-rumble-sent = { $gamepads ->
    [one] Vibration envoyée à 1 manette pendant 1 s.
   *[other] Vibration envoyée à { $gamepads } manettes pendant 1 s.
}
