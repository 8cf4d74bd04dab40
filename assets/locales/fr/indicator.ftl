# L'indicateur sonore : d'où vient chaque son et à quel volume le batteur l'entend, à côté de la salle.

indicator-heard = Entendu { $decibels } dB
indicator-room = Salle { $decibels } dB
