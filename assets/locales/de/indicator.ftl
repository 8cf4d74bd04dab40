# Die Geräuschanzeige: woher jedes Geräusch kommt und wie laut der Schlagzeuger es hört, neben dem Raum.

indicator-heard = Gehört { $decibels } dB
indicator-room = Raum { $decibels } dB
