# El indicador de sonido: de dónde viene cada sonido y con qué fuerza lo oye el batería, junto a la sala.

indicator-heard = Percibido { $decibels } dB
indicator-room = Sala { $decibels } dB
