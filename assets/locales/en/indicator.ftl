# The sound indicator: where each sound comes from and how loud the drummer hears it, beside the room.

indicator-heard = Heard { $decibels } dB
indicator-room = Room { $decibels } dB
