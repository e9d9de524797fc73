"""The tables ``bot.safety`` reads messages with: one block of regular expressions per language.

Why Python and not YAML under content/: these are regular expressions that only an engineer
should change, each change needs the corpus test run with it, and as a module they are
compiled once at import with no file to find (``read`` is called from the bot, the outbox and
the tests alike, none of which should need a content path to stay safe).

How a message meets these patterns (see ``bot.safety``): folded to lower case without
diacritics (write patterns naturally, "nie chcę żyć" matches "nie chce zyc"), apostrophes of
English contractions dropped ("dont", "im", "cant"), every other mark a single space, and
stretched letters squeezed. Ukrainian and Russian "й" fold to "и", "ё" to "е", "ї" to "і".
Patterns must be lower case and must not use upper-case escapes (``\\S``, ``\\W``): they are
folded like the text.

- ``idioms`` are blanked out first: ordinary speech that looks like a signal.
- ``crisis``: suicidal statements, indirect phrasing, self-harm, plans and means, slang.
- ``unsure``: ambiguous; the bot asks "Are you okay right now?".
- ``hard``: a hard feeling, met gently and never celebrated (not a concern on its own).
- ``not_hard`` are blanked before ``hard`` is read: a hard word negated ("less anxious").
- ``negated``: a crisis statement denied ("I'm not suicidal", "no quiero morir"). Blanked
  before ``crisis`` is read, and UNSURE: people often say it just before what is wrong.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Language:
    crisis: tuple[str, ...]
    unsure: tuple[str, ...] = ()
    hard: tuple[str, ...] = ()
    idioms: tuple[str, ...] = ()
    not_hard: tuple[str, ...] = ()
    negated: tuple[str, ...] = ()


_ME = r"(?:my ?self|meself|mself|myslf)"
_WANT = r"(?:want|wnat|wamt|wan|wnt|need|wanna|wana|wanted|tried|trying)"
_TO = r"(?:to|2|too|ta)"
_PILLS = r"(?:pills|tablets|meds|medication|medicine|painkillers|paracetamol|tylenol|ibuprofen)"

ENGLISH = Language(
    crisis=(
        r"\bsuicidal\b",
        r"\b(?:thinking (?:about|of)|think about|contemplating|considering|planning) suicide\b",
        r"\b(?:i|ive|i have|i will|im going to|gonna|want to|going to|might|i tried to|tried to) (?:\w+ )?(?:commit|attempt|attempted|committing) suicide\b",
        r"\bsuicide (?:note|letter|plan|attempt)",
        rf"\b(?:kill|killing|killed|kil|hang|hanging|hanged|drown|drowning|shoot|shooting)"
        rf" {_ME}\b",
        r"\bkms\b|\bk m s\b",
        r"\b(?:i|im|ill|gonna|going to|should|will|wanna|want to|might|about to|just) (?:just )?"
        r"kys\b",
        r"\bunaliv",
        r"\bsewer ?slide|\bself ?delet(?:e|ing|ed)\b|\bcatch(?:ing)? the bus\b(?= *$| tonight| soon| for good)|\bctb\b",
        r"\bs u icid|\bsu icid|\bs icid|\bsu cid|\bk ll my ?self\b|\bkll my ?self\b|\bkil my ?self\b",
        rf"\b{_WANT} {_TO} (?:just )?(?:die|dei|be dead|not be alive|not exist|stop existing"
        rf"|not wake up|never wake up|end it(?! with)|end my life|disappear forever)\b",
        rf"\b(?:i|id|i d) (?:just )?(?:wanna|want {_TO}|would like {_TO}) die\b(?! (?:peacefully|old|at \d|of old age|happy))",
        r"\bi (?:really |just |so |honestly )?wish (?:i|id) (?:was|were|could be|had) (?:dead|died|gone forever|never (?:been )?born)",
        r"\bi wish i (?:wasnt|werent|was not|were not) (?:alive|here anymore|born)",
        r"\bi wish i could (?:die|disappear forever|just die|not wake up)",
        r"\bi should (?:just )?(?:die|be dead|not be alive|not exist)\b",
        r"\b(?:dont|do not|no longer|dont really|really dont|never) (?:want|wanna|wish) (?:to )?"
        r"(?:live|be alive|exist|stay alive|keep living|go on living|wake up (?:again|anymore|ever"
        r"|tomorrow))",
        r"\b(?:dont|do not|no longer) (?:want|wanna) (?:to )?be (?:here|around) (?:anymore|any more"
        r"|no more)",
        r"\b(?:would|will|d) (?:all )?be better off (?:without me\b(?! \w+ing\b)|if i (?:died|disappeared|was gone"
        r"|were gone|was dead|were dead))",
        r"\bbetter off (?:dead|without me)\b(?! \w+ing\b)",
        r"\bcant (?:go on|keep going|keep living|live) (?:like this|anymore|any more|this way)",
        r"\b(?:sleep|fall asleep|go to sleep|close my eyes) and (?:never|not) wake up",
        r"\bno point (?:anymore|any more|in anything|to anything|to any of it|in going on"
        r"|in trying anymore)\b",
        r"\bno (?:point|reason|purpose) (?:in |to |of |for )?(?:me )?(?:keep )?(?:living|live"
        r"|going on|being alive|existing|exist|staying alive|stay alive|life)\b(?! (?:someone|somebody"
        r"|anyone|other|a |an |the |by |for |like |in |your|their|his|her))",
        r"\b(?:dont|cant|do not|can not|cannot) (?:see|find) (?:a|any) (?:reason|point) (?:to|in|for)"
        r" (?:keep )?(?:living|live|going on|go on|be alive|stay alive|existing|exist)",
        r"\bpoint (?:of|in) (?:me )?(?:even )?(?:existing|being alive|living anymore|being here)\b",
        r"\blife (?:is not|isnt|aint|is no longer) worth (?:living|it anymore)",
        r"\b(?:end|ending|ended) (?:it all|my life|everything|my own life|it tonight|it today|it now"
        r"|it for good)\b",
        r"\btake my (?:own )?life\b|\btaking my (?:own )?life\b",
        r"\bself ?harm|\bself ?injur|\bself ?mutilat",
        rf"\b(?:cut|cutting|cuts|hurt|hurting|hurts|harm|harming|harmed|burn|burning|burned|burnt"
        rf"|scratch|scratching|scratched|punch|punching|punched|starve|starving|starved|bruise"
        rf"|bruising|bruised) {_ME}\b",
        r"\b(?:been|started|start|keep|kept|back to|relapsed into|went back to) (?:cutting|burning"
        r"|hurting myself)\b",
        r"\b(?:cutting|cut|burning|burned) again\b",
        r"\b(?:until|till|til) (?:they|it|i|my \w+) (?:bleed|bled|bleeds|bleeding)\b",
        rf"\b(?:took|take|taking|taken|swallowed|swallow|swallowing|downed|od d|odd|overdosed"
        rf"|overdose|overdosing)(?: on)? (?:a (?:bunch|lot|handful|load|pile|whole (?:bottle|pack"
        rf"|box|packet|strip))|handfuls|all(?: of)? (?:my|the|these|those)|too many|the whole"
        rf" (?:bottle|pack|box|packet)|\d{{2,}}|lots|loads|so many|a fistful)(?: of)?(?: my| the)?"
        rf"(?: sleeping| \w+)? {_PILLS}\b(?! (?:on time|every|each|today|this morning|as prescribed|daily|por la|cada|a tiempo|todos los"
        rf"|certinho|na hora|jeden|taglich|punktlich|chaque|a l heure|ogni|puntuale|каждый|вовремя"
        rf"|кожен|вчасно|codziennie|o czasie|rano))",
        r"\boverdos(?:e|ed|ing)\b",
        r"\b(?:my|a) (?:goodbye|farewell|last|suicide) (?:letters|notes|note)\b",
        r"\b(?:gave|give|giving|given) away (?:all )?(?:of )?my (?:things|stuff|belongings"
        r"|possessions|pets)",
        r"\b(?:bought|buy|buying|got|have|found) (?:a |some |the )?(?:rope|noose|gun|blade|razor"
        r" blades)\b(?= *$| (?:today|tonight|yesterday|just now|earlier|already))",
        r"\bnoose\b",
        r"\b(?:going to|gonna|will|want to|wanna|about to|ready to|ill|im going to) end it\b(?! (?:with|between|early|soon with|for (?:him|her|them)))",
        r"\b(?:im|i am) ready to die\b(?! (?:of|for|laughing|on (?:this|that) hill))",
        r"\bwant out of (?:this )?(?:life|world|existence)\b",
        r"\b(?:looking for|find|finding|searching for|thinking of|research(?:ing)?) (?:a |the |some )?ways? to (?:end it|die|kill myself|end my life|do it painlessly)\b",
        r"\b(?:drank|drink|drinking|swallowed|swallow|took|take|taking) (?:some |the |a bottle of )?(?:bleach|antifreeze|rat poison|poison|weed ?killer)\b",
        r"\b(?:bleeding|bled) (?:\w+ ){0,3}(?:from|out of) (?:the |my )?(?:cuts|wrists|arms|legs)\b|\bcovered in (?:cuts|self harm scars)\b|\bfresh cuts\b",
        r"\bcant stop (?:cutting|hurting myself|burning myself|self harming)\b(?! (?:back|down|corners|carbs|sugar|out|the|my hair|it|coupons|things))",
        r"\b(?:drive|driving|crash|crashing|steer|swerve) (?:\w+ ){0,3}(?:into a (?:wall|tree|truck|lorry)|off (?:a|the) (?:cliff|bridge|road)|into (?:oncoming )?traffic|on purpose)\b",
        r"\b(?:hope|hoping|wish|pray|praying) i (?:die|dont wake up|never wake up|wont wake up|do not wake up)\b(?! (?:of|laughing|my|the|him|her|them|early|peacefully|old|at|happy|surrounded|before))",
        r"\b(?:im|i am) (?:so |just |really )?done (?:with )?(?:living|being alive)\b",
        r"\b(?:disappear|vanish) (?:forever|for good|permanently)\b",
        r"\bi(?:ve| have)? cut\b(?= *$| \|| (?:again|last night|today|yesterday|tonight|this morning|deep|deeper|too deep))",
        r"\bcutting (?:is the only|helps|makes me feel|is how i cope|is all i)",
        r"\b(?:wanna|want to|want 2|wnat to) (?:just )?dye\b(?! (?:my|her|his|the|it|them|hair|your|our))",
        r"\bsh (?:again|urges?|relapse|scars?|wounds?|cuts?)\b|\b(?:did|doing|want to|wanna|urge to|urges to|relapsed on) sh\b",
        r"\b(?:dont|do not) (?:want|wanna) (?:to )?(?:\w+ ){0,3}(?:life|living|being alive)\b.{0,20}\b(?:anymore|any more|no more)\b",
        r"\b(?:picked|chosen|chose|set) (?:a|the) date\b",
        r"\b(?:have|made|got|making|planning|plan) (?:a plan )?(?:how )?(?:to|for) (?:end it|kill|die|end my)",
        r"\b(?:going to|gonna|will|want to|wanna|should|might|ill|about to) (?:just )?(?:jump (?:off"
        r"|from|in front of)|throw myself|step in front of)",
        r"\b(?:tonight|today|this) is my last (?:night|day)\b(?! (?:at|of|in|on|with|before|here))",
        r"\b(?:nobody|no one|noone|no1) (?:would|will|is going to|gonna|would even|will even) (?:even )?"
        r"(?:notice|care|miss me)(?: \w+)? if i (?:was|were|died|disappeared|was gone|were gone|left"
        r" forever|killed)",
        r"\bdisappear (?:forever|for good|permanently)\b",
        r"\bwant (?:it|everything|it all|all of it) to (?:stop|end) (?:forever|for good|permanently)",
        r"\bgoodbye (?:forever|cruel world)\b",
        r"\b(?:id|i d|i would|would) (?:much )?rather (?:be dead|die|not be alive|not exist|not be here)\b",
        r"\b(?:cares?|matters?) (?:if|whether) i (?:live or die|die|am alive|m alive|exist|am dead)\b",
        r"\b(?:better|happier|easier) (?:off )?(?:without me\b(?! \w+ing\b)|if i (?:died|was gone|were gone|disappeared|didnt exist|wasnt here|wasnt around))\b(?! (?:to|for|at|on|in|with|when|so) )",
        r"\bi (?:wont|will not) be (?:here|around|alive) (?:anymore|much longer|for long|after tonight)\b",
        r"\b(?:pills|tablets|meds|rope|noose|gun|razor|blade|blades) (?:are |is )?(?:all )?(?:ready|saved up|stockpiled|hidden away|waiting)\b",
        rf"\b(?:saving|saved|stockpiling|stockpiled|hoarding|hoarded) (?:up )?(?:my |the |some |enough )?{_PILLS}",
        r"\b(?:think|thinking|thought|dream|dreaming|fantasi[sz]e|fantasi[sz]ing) (?:about|abt|bout|of) (?:not waking up|dying|being dead|ending it|ending my life|killing myself|my funeral)\b",
        r"\bsaying goodbye to everyone\b",
    ),
    unsure=(
        r"\bsuicid",
        r"\b(?:want|wanna|wish i could) (?:to )?(?:disappear|vanish)\b(?! (?:into|in|for|under|behind|from|to|on|with|a |the ))",
        r"\bcant (?:do this|take (?:it|this)|handle (?:it|this)|cope|go on) (?:anymore|any more"
        r"|no more)\b",
        r"\b(?:tired|sick) of (?:living|life|everything|being alive|existing|it all)\b",
        r"\bwhats the point\b",
        r"\b(?:dont|do not) (?:want|wanna) (?:to )?be here\b(?! (?:this|at|in|with|for|today|tonight|right now|any longer than|until))",
        r"\bgive up on (?:everything|life|myself)\b|\bgiving up on (?:everything|life)\b",
        r"\b(?:im|i am) done with (?:life|everything|it all)\b",
        r"\bno way out\b",
        r"\bhopeless\b(?! (?:about|at|with|when|in|romantic|case|cook))",
        r"\bthis is (?:my )?goodbye\b(?! for now)",
        r"\b(?:cant|can not|dont) see (?:a|any) future\b|\bno future for me\b",
        r"\blife (?:is|feels) too (?:painful|hard|heavy|much) to (?:keep going|go on|bear|live|carry on)\b",
        r"\b(?:when|after|once) im (?:gone|dead)\b(?! (?:on|for|to|away|abroad|out|at))",
        r"\b(?:nobody|no one|noone) (?:will|would|is going to|is gonna) (?:even )?(?:miss|notice|care about) me\b(?! (?:at|in|for|during|if i skip|if i leave early|today))",
        r"\bno reason to (?:stay|be here|keep going|go on|continue)\b(?! (?:at|in|for|late|longer|home|up|with|on))",
        r"\b(?:put|putting|got|getting) (?:all )?my affairs in order\b(?! (?:before|for) (?:the|my|a) )|\b(?:wrote|writing|updated|made) (?:my )?will\b.{0,40}\bgoodbye\b",
        r"\b(?:wrote|writing|written|write) (?:\w+ )?letters to (?:everyone|my family|my kids|all my friends)\b(?! (?:for|about|inviting|with|at))",
        r"\bswallow me (?:whole )?(?:and never|forever|for good)\b",
        r"\blife has no (?:meaning|point|purpose)\b(?! without)|\bi want out\b(?= *$| \|)",
        r"\bhate my (?:life|existence)\b",
        r"\bwant (?:it|everything|it all|all of it) to (?:stop|end)\b(?! (?:well|nicely|happily|on a|with|soon so))",
        r"\bthis is the end for me\b",
        r"\bdont want to wake up\b",
        r"\bnothing matters anymore\b",
        r"\b(?:a|my) goodbye (?:note|letter)\b",
        r"\bgoodbye (?:everyone|world|all)\b",
        r"\b(?:have|made|got|making|planning|plan) (?:a plan )?(?:how )?(?:to|for) do it\b",
        r"\brelaps",
        r"\b(?:im|i am|just|such) a burden\b|\bburden (?:to|on|for) (?:everyone|everybody|my family|them|others)\b",
        r"\b(?:tomorrow|by tomorrow|next week) i (?:wont|will not) be (?:here|around|alive)\b",
        r"\b(?:think|thinking|thought) (?:about|of) death\b(?!(?: \w+){0,3} (?:after|since|because of) (?:the|his|her|my|our))",
    ),
    hard=(
        r"\b(?:sad|sadness|depressed|depressing|miserable|unhappy|gloomy|heavy hearted)\b",
        r"\b(?:feel|feeling|felt|feels|im|i am|i was|been) (?:so |really |very |a bit |kind of |pretty )?(?:low|down|blue)\b",
        r"\b(?:not|dont feel) (?:ok|okay|alright|fine|good|great|well)\b",
        r"\b(?:anxious|anxiety|panic|panicky|nervous|worried|worry|scared|afraid|terrified|dread)\b",
        r"\b(?:lonely|isolated|left out|so alone|all alone|feel alone|feeling alone)\b",
        r"\b(?:exhausted|drained|burnt out|burned out|worn out|dead tired|knackered|shattered)\b",
        r"\b(?:overwhelmed|stressed|stress|struggling|struggle|hopeless|helpless|numb)\b",
        r"\b(?:cry|cried|crying|tears|sobbing|heartbroken|grief|grieving|mourning)\b",
        r"\b(?:awful|terrible|rough|hard|bad|horrible|shitty|crappy) (?:day|week|night|morning"
        r"|time)\b",
        r"\b(?:hurt|hurting|angry|furious|ashamed|guilty|worthless|useless|hate myself|dead inside)\b",
        r"\bfeel(?:s|ing)? (?:so |really |very )?(?:lost|broken|empty|numb|small|stuck|heavy)\b",
    ),
    idioms=(
        r"\bkill(?:ing|ed)? it\b",
        r"\b(?:killing|kills|killed|kill) me\b(?! (?:now|please))",
        r"\bdead (?:tired|beat|serious|on|set|gorgeous|good|easy)\b|\bdrop dead gorgeous\b",
        rf"\bcut {_ME} (?:some|a bit of|a little) slack\b",
        rf"\b(?:cut|hurt|burn|burned|burnt|injure|injured|bruised) {_ME} (?:on|at|while|when|during"
        rf"|in|playing|climbing|cooking|chopping|shaving|lifting|running|skiing|cycling|ironing"
        rf"|baking|slightly|a bit|a little|badly on)\b",
        r"\b(?:cut|did|do|dyed|dye|braided|trimmed) my (?:own )?hair (?:my ?self)?",
        r"\bdie (?:of|from) (?:embarrassment|shame|laughter|laughing|boredom|cuteness|envy|happiness)",
        r"\b(?:dying|died) (?:to|of|for|laughing)\b",
        r"\bkill for\b|\bd kill for\b",
        r"\bno point in living (?:someone|somebody|anyone|other|a |an |the |by |for |like |in |your"
        r"|their|his|her)",
        r"\bcould (?:just )?sleep (?:for )?(?:a )?(?:week|forever|days|a year)\b|\bsleep forever (?:this|after|on|in|at|when)\b",
        r"\bsuicide (?:squad|prevention|awareness|hotline|helpline|rates?|statistics|training|bomb\w*|mission|attacks?|doors)\b",
        r"\b(?:my|his|her|their|a|our) (?:\w+ )?(?:friend|brother|sister|mum|mom|dad|father|mother|cousin|colleague|uncle|aunt|son|daughter|partner|neighbou?r|classmate|grandpa|grandma) (?:\w+ ){0,2}(?:attempted|committed|died by|tried to commit) suicide\b",
        r"\bkill(?:ing|ed|s)? my ?self (?:laughing|at (?:the )?(?:gym|work|office)|for (?:the|a|this|my)|to (?:finish|get|make|meet|pass)|over (?:this|the|a)|with work|working|studying)\b",
        r"\bcut my ?self (?:a|another) (?:slice|piece|bit|break|wedge)\b",
        r"\b(?:last day|leaving|moving|farewell party|see you)\b.{0,30}\bgoodbye (?:everyone|all|world)\b|\bgoodbye (?:everyone|all)\b.{0,30}\b(?:see you|last day|thanks for)\b",
        rf"\b(?:hurting|hurt|harming|harm) {_ME} less\b",
        r"\bgoing to kill me if\b|\bwill kill me if\b",
        r"\b(?:im|i am|so) done with (?:the|my|this|that|work|winter|summer|laundry|dishes|homework)\b",
    ),
)

_QUIERO = r"(?:quiero|kiero|qiero|quisiera|queria|kisiera|deseo|necesito)"

SPANISH = Language(
    crisis=(
        r"\bsuicidarme\b|\bsuisid|\b(?:pensamientos|ideas|tendencias) suicidas\b|\b(?:pienso|pensando|pense|penso) (?:\w+ )?en (?:el )?suicidio\b|\bintente suicidarme\b",
        r"\b(?:matarme|me (?:voy a|quiero|kiero|qiero|quisiera|pienso|voy a tener que) matar\b)",
        r"\b(?:quitarme|me (?:voy a |quiero )?quitar) la vida\b",
        rf"\b(?:me )?{_QUIERO} (?:morir(?:me)?|estar muert[oa]|desaparecer para siempre)\b",
        r"\bganas de morir(?:me)?\b|\bme quiero morir\b|\bme kiero morir\b|\b(?:quiero|kiero|qiero) morir(?:me|m|rme)?\b",
        r"\b(?:intente|trate de|intentado) (?:matarme|suicidarme|quitarme la vida|ahorcarme)\b",
        r"\bquitarme de en medio\b|\bme (?:voy a|quiero|kiero) suicidar\b",
        r"\bojala (?:estuviera|estuviese|me muriera|me muera|no despertara|no despierte)",
        rf"\bno {_QUIERO} (?:seguir )?(?:vivir|viviendo|existir|despertar(?:me)?)\b",
        rf"\bya no {_QUIERO} (?:estar aqui|vivir|seguir)\b",
        r"\bmejor sin mi\b",
        r"\bno (?:puedo|aguanto|soporto) (?:seguir )?(?:asi|viviendo|vivir|mas esta vida)\b",
        r"\bno puedo seguir\b",
        r"\b(?:dormir|dormirme) y no (?:despertar|volver a despertar)",
        r"\bno despertar(?:me)? (?:nunca|jamas|mas)\b",
        r"\bno (?:le )?(?:veo|tiene|hay|encuentro) (?:ningun )?sentido (?:a |en )?(?:seguir viviendo"
        r"|vivir|la vida|mi vida|seguir)\b(?! (?:la|una) vida de)",
        r"\b(?:vuelto|volvi|vuelvo) a cortarme\b|\bme (?:he |e )?vuelto a cortar\b"
        r"|\bme (?:estoy|sigo) cortando\b|\bcortarme (?:los brazos|las munecas|otra vez)\b"
        r"|\bme corto (?:los brazos|las munecas|las piernas)\b",
        r"\b(?:quiero|voy a|necesito) cortarme\b(?! (?:el|la|las|los|un|una) )|\bme (?:quiero|voy a) cortar\b(?! (?:el|la|las|los|un|una) )",
        r"\bme (?:estoy haciendo|sigo haciendo|hago|he vuelto a hacer|vuelvo a hacer) (?:dano|danio)\b",
        r"\bhacerme (?:dano|danio)\b(?! (?:escalando|jugando|en |al |con el|corriendo|entrenando))",
        r"\bme (?:corte|queme|lastime|hice dano|golpee|arañe) a proposito\b",
        r"\b(?:tome|tomado|trague|tragado|tomar|tragar|tragarme) (?:un monton|muchas|todas"
        r"|un punado|una caja|un bote|un frasco|un blister|demasiadas)(?: las| mis| de)*"
        r" (?:pastillas|pildoras|medicamentos|calmantes|somniferos)",
        r"\b(?:mis|mi) cartas? de despedida\b|\bcarta suicida\b|\bnota suicida\b",
        r"\bregal(?:e|ado|ando) (?:todas )?mis cosas\b",
        r"\b(?:colgarme|ahorcarme|me voy a colgar|me voy a ahorcar)\b",
        r"\b(?:acabar|terminar) con (?:todo|mi vida)\b|\bacabar con esto de una vez\b(?! (?:en|con el|con la|con los|con las))",
        r"\b(?:tirarme|me voy a tirar|me tiro) (?:del|de un|desde el|desde un|por la|al|a las"
        r" vias|delante)",
        r"\bautolesi",
        r"\bme lastimo\b(?! (?:el|la|los|las|jugando|corriendo|en|con|al))|\bme hago cortes\b|\b(?:hecho|hice|hago|hacerme) dano a proposito\b",
        r"\bnadie me (?:echaria|extranaria|echara|extranara) de menos si (?:desapareciera|muriera"
        r"|me fuera|me muero|me mato)",
        r"\bdesaparecer para siempre\b|\bdesapareciera para siempre\b",
        r"\b(?:es|sera|esta es) mi ultima noche\b",
    ),
    unsure=(
        r"\b(?:quiero|kiero) desaparecer\b(?! (?:un rato|un momento|unos dias|del|de la|de las|de los|a |en ))",
        r"\bya no (?:puedo|aguanto) mas\b|\bno puedo mas\b",
        r"\b(?:harta|harto|cansada|cansado) de (?:vivir|todo|la vida|existir)\b",
        r"\bpara que seguir\b|\bno tiene sentido nada\b|\bnada tiene sentido\b",
        r"\bsin salida\b|\bsin esperanza\b",
    ),
    hard=(
        r"\b(?:triste|tristeza|deprimid[oa]|bajon|baj[oa] de animo|ansios[oa]|ansiedad|angustia"
        r"|nervios[oa]|preocupad[oa]|miedo|asustad[oa]|(?:me siento|estoy|tan|muy) sol[oa]|soledad|agotad[oa]|reventad[oa]"
        r"|estresad[oa]|estres|abrumad[oa]|llor(?:e|ar|ando|o)|dolid[oa]|duelo|(?:me siento|estoy) vaci[oa]|vacio por dentro"
        r"|dia dificil|dia horrible|mal dia|fatal)\b",
    ),
    idioms=(
        r"\bme muero de (?:ganas|verguenza|risa|hambre|sueno|frio|calor|aburrimiento|envidia)\b",
        r"\bmuert[oa] de (?:cansancio|risa|verguenza|hambre|sueno|miedo|frio|calor)\b",
        r"\bme (?:esta|estan) matando\b|\bme mata de risa\b|\bmataria por\b",
        r"\bpara morirse\b",
        r"\b(?:vivir )?la vida de (?:otra|otro|alguien|los demas|otras)\b",
    ),
)

_QUERO = r"(?:quero|qro|qero|queria|kero|quiria)"

PORTUGUESE = Language(
    crisis=(
        r"\bme suicidar\b|\bsuicidar me\b|\bpensamentos suicidas\b|\b(?:penso|pensando|pensei) (?:\w+ )?em (?:suicidio|me suicidar)\b|\btentei (?:o )?suicidio\b",
        r"\b(?:vou|quero|queria|qro|kero|vontade de|penso em|pensando em|pensei em|tentar|tentei|devia|deveria|preciso|acabar|vou acabar) me matar\b|\bme matar (?:hoje|agora|amanha|de vez|logo)\b|\bmatar me\b",
        rf"\b(?:eu )?{_QUERO} (?:morrer|estar mort[oa]|sumir pra sempre|sumir para sempre"
        rf"|desaparecer para sempre|nao existir)",
        r"\b(?:vontade de|apetece me|apetecia me) morrer\b",
        r"\b(?:tentei|tentando|tentar) (?:me matar|o suicidio|suicidio|me enforcar|tirar (?:a )?minha vida)\b",
        r"\b(?:quero|qero|qro|kero) morr?er?\b|\bvo(?:u)? me mata(?:r)?\b|\bvou me suicidar\b",
        rf"\bnao {_QUERO} (?:mais )?(?:viver|existir|estar vivo|estar viva)\b|\bnao {_QUERO} mais (?:estar aqui|acordar)\b",
        r"\bnao (?:aguento|consigo|suporto) mais (?:viver|esta vida)\b",
        r"\bmelhor sem mim\b",
        r"\bnao (?:consigo|posso|da pra|da para) continuar (?:assim|vivendo|mais)\b",
        r"\b(?:dormir|adormecer) e (?:nunca mais|nao) acordar\b|\bnunca mais acordar\b",
        r"\b(?:sem|nao tem (?:mais )?|nao ha (?:mais )?|nao vejo )(?:nenhum )?sentido (?:nenhum )?"
        r"(?:em )?(?:viver|continuar vivendo|continuar|a vida)\b(?! a vida d)",
        r"\b(?:voltei a|vou|quero|comecei a) me cortar\b|\bme cortando\b|\bme corto\b",
        r"\bme machuc(?:ando|o|ar de proposito|ei de proposito)\b",
        r"\bme (?:queimei|cortei|machuquei|bati) de proposito\b",
        r"\b(?:tomei|engoli|tomar|engolir) (?:um monte|varios|muitos|todos os|todas as|uma cartela"
        r"|uma caixa|um punhado)(?: de| dos| das| meus| minhas)* (?:comprimidos|remedios|pilulas"
        r"|calmantes)",
        r"\b(?:minhas|minha) cartas? de despedida\b|\bcarta suicida\b|\bcarta de suicidio\b",
        r"\bdei (?:todas )?(?:as )?minhas coisas\b|\bdoei tudo que (?:eu )?tinha\b",
        r"\bme enforcar\b|\bme enforco\b",
        r"\bacabar com (?:tudo|minha vida|a minha vida)\b",
        r"\btirar (?:a )?(?:minha )?(?:propria )?vida\b",
        r"\b(?:queria|quero|preferia) estar mort[oa]\b",
        r"\bme (?:jogar|atirar|jogo) (?:da|de uma|do|de um|na frente|para baixo)",
        r"\bautomutil|\bauto mutil|\bautolesa",
        r"\b(?:faco|fiz|fazendo|faz) cortes\b|\bme machuco de proposito\b",
        r"\bninguem (?:ia|iria|vai|va) sentir (?:a )?(?:minha )?falta se eu (?:morresse|sumisse"
        r"|desaparecesse|me matasse)",
        r"\b(?:e|hoje e|esta e) (?:a )?minha ultima noite\b",
    ),
    unsure=(
        r"\b(?:quero|queria) sumir\b|\b(?:quero|queria) desaparecer\b",
        r"\bnao aguento mais\b",
        r"\bcansad[oa] de (?:viver|tudo|existir)\b",
        r"\bpra que continuar\b|\bnada faz sentido\b|\bsem saida\b|\bsem esperanca\b",
    ),
    hard=(
        r"\b(?:triste|tristeza|deprimid[oa]|pra baixo|para baixo|ansios[oa]|ansiedade|angustia"
        r"|nervos[oa]|preocupad[oa]|medo|assustad[oa]|(?:me sinto|estou|tao|muito|to) sozinh[oa]|solidao|exaust[oa]|esgotad[oa]"
        r"|estressad[oa]|stress|sobrecarregad[oa]|chorei|chorar|chorando|magoad[oa]|luto|(?:me sinto|estou) vazi[oa]|vazio por dentro"
        r"|vazia|dia dificil|dia pessimo)\b",
    ),
    idioms=(
        r"\bmort[oa] de (?:cansaco|vergonha|rir|fome|sono|medo|saudade|frio|calor)\b",
        r"\bmorr(?:i|endo|o|er) de (?:vergonha|rir|susto|fome|saudade|sono|medo|calor|frio|tedio"
        r"|inveja|raiva)\b",
        r"\bme matando\b|\bme mata de\b|\bmataria por\b|\b(?:vai|vao|ia|iam) me matar (?:se|quando)\b|\b(?:mae|pai|chefe|mulher|marido|namorad[oa]|professor\w*|ela|ele|eles|elas|voce|vc) (?:vai|vao|ia|iam) me matar\b",
        r"\blind[oa] de morrer\b",
        r"\b(?:viver )?a vida (?:dos outros|de outra pessoa|de outro)\b",
        r"\bsumir de (?:vergonha|vez em quando)\b",
    ),
)

GERMAN = Language(
    crisis=(
        r"\b(?:selbstmord|suizid)gedanken|\bsuizidal|\b(?:denke|gedacht|nachgedacht|denken) (?:\w+ ){0,3}(?:an |uber )?(?:selbstmor[dt]|suizid)\b|\b(?:selbstmord|suizid) (?:begehen|machen)\b",
        r"\bmich (?:\w+ ){0,3}umbringen\b|\bich (?:bring|bringe) mich (?:\w+ ){0,3}um\b|\bmich (?:\w+ )?toeten\b"
        r"|\bmich (?:\w+ )?töten\b",
        r"\b(?:will|wil|mochte|moechte|mocht|wurde gern|wuerde gern|will einfach|will nur) (?:\w+ )?"
        r"(?:sterben|sterbn|sterbe|tot sein)\b",
        r"\bnicht mehr (?:leben|da sein|hier sein|existieren|aufwachen)\b",
        r"\bbesser (?:dran |ohne mich)|\bohne mich besser\b",
        r"\b(?:kann|konnte) (?:so |das )?nicht mehr weiter(?:machen|leben)?\b",
        r"\beinschlafen und (?:nie|nicht) (?:mehr |wieder )?aufwachen\b|\bnie wieder aufwachen\b",
        r"\b(?:leben|alles) hat (?:\w+ )?keinen sinn mehr\b|\bhat alles keinen sinn mehr\b",
        r"\bkeinen sinn (?:mehr )?zu leben\b|\bsinnlos (?:zu )?leben\b",
        r"\bgeritzt\b|\britze mich\b|\britzen\b|\britz(?:e|t) wieder\b",
        r"\bmich (?:\w+ ){0,3}(?:wieder|erneut|absichtlich|selbst) (?:geschnitten|geritzt|verletzt|verbrannt)\b",
        r"\bverletze mich (?:seit|jeden|immer|oft|taglich|wieder)\b",
        r"\bich (?:schneide|verletze) mich\b(?! (?:beim|am|an|bei|im|in|mit dem messer beim|oft beim|standig beim))",
        r"\bich tue mir (?:selbst )?weh\b(?! (?:beim|am|an|bei|im))|\b(?:wehgetan|weh getan)\b.{0,15}\babsichtlich\b|\babsichtlich (?:\w+ )?(?:wehgetan|weh getan)\b",
        r"\b(?:will|mochte|wil) (?:\w+ ){0,2}sterbe+n+\b",
        r"\b(?:verletze|verletzte) mich (?:selbst|wieder|absichtlich)\b|\bmich selbst (?:zu )?verletzen\b"
        r"|\bselbstverletz|\bselbst verletz",
        r"\b(?:absichtlich|mit absicht) (?:\w+ )?(?:verbrannt|geschnitten|verletzt)\b",
        r"\b(?:handvoll|packung|haufen|ganze packung|ganzen packung|ganze schachtel|alle meine|alle"
        r"|viele|zu viele) tabletten (?:genommen|geschluckt|nehmen|schlucken)\b",
        r"\btabletten (?:gesammelt|gehortet)\b",
        r"\bmeine abschiedsbriefe\b|\babschiedsbrief an (?:meine|alle|euch)\b|\babschiedsbriefe"
        r" (?:sind |ist )?geschrieben\b",
        r"\bmeine sachen verschenkt\b|\balles verschenkt\b",
        r"\b(?:mir )?ein seil gekauft\b(?! fur)|\bmich erhangen\b|\bmich aufhangen\b|\bmich aufzuhangen\b",
        r"\b(?:allem|dem) (?:ein )?ende (?:setzen|machen|bereiten)\b|\bschluss (?:machen )?mit allem\b"
        r"|\bmit allem schluss\b|\bmach (?:heute|jetzt) schluss\b",
        r"\bmir das leben nehmen\b|\bmir das leben zu nehmen\b",
        r"\b(?:wunschte|wollte|wunsche) (?:\w+ )?(?:ich ware|mir ich ware|ich waer) tot\b"
        r"|\bware lieber tot\b|\bware ich (?:doch )?tot\b",
        r"\bspring(?:e|en)? (?:ich )?(?:von|vor) (?:der|die|den|einer|einem|einen|das) (?:brucke"
        r"|dach|zug|hochhaus|bahn)",
        r"\bniemand (?:wurde|wird) mich vermissen\b",
        r"\b(?:halte|ertrage) (?:das|mein) leben nicht mehr\b",
    ),
    unsure=(
        r"\bich kann (?:einfach )?nicht mehr\b(?= *$| \|| (?:ich|und|aber|es|das|leben|so weiter))",
        r"\bich (?:will|mag|kann) (?:einfach |echt |wirklich |so |halt )?nicht mehr(?= *$| \|| (?:ich|und|aber|es|das|einfach|leben))",
        r"\bkeinen sinn mehr\b",
        r"\bverschwinden (?:fur immer|für immer)\b|\bwill (?:einfach )?verschwinden\b",
        r"\b(?:mude|satt) (?:vom|des) leben",
        r"\bhoffnungslos\b|\bausweglos\b",
    ),
    hard=(
        r"\b(?:traurig|trauer|niedergeschlagen|deprimiert|depressiv|bedruckt|angst|angstlich"
        r"|nervos|panik|sorgen|einsam|(?:fuhle mich|bin) (?:so |ganz )?allein|erschopft|bin (?:\w+ )?kaputt|ausgebrannt|gestresst|stress"
        r"|uberfordert|geweint|weinen|verzweifelt|(?:fuhle mich|innerlich) leer|mies|schlechter tag|harter tag)\b",
    ),
    idioms=(
        r"\btodmude\b|\btotmude\b|\bhundemude\b",
        r"\bvor (?:scham|lachen|langeweile|hunger|neugier) (?:\w+ )?(?:gestorben|sterben|sterbe)\b",
        r"\bsterbe vor\b",
        r"\b(?:meeting|stress|arbeit|job|hitze|chef|das|der|die|es) (?:\w+ )?bringt mich (?:\w+ )?um\b"
        r"|\bbringen mich um\b",
        r"\blach mich tot\b|\bmich totgelacht\b|\bwurde (?:\w+ )?morden\b",
        r"\bdas leben von (?:jemand|anderen|einem anderen)",
        r"\b(?:beim|am) (?:\w+ )?(?:verletzt|zu verletzen)\b",
    ),
)

FRENCH = Language(
    crisis=(
        r"\bme suicider\b|\bsuicidaire|\b(?:pense|pensees|idees|envie|songe) (?:\w+ )?(?:au |du |de |a )?suicid",
        r"\b(?:veux|vais|voudrais|envie de|pense a|penser a|songe a|aimerais|dois) me tuer\b",
        r"\b(?:essaye|essayer|essayais|tente|tenter|failli) de me (?:tuer|suicider|pendre|jeter)\b",
        r"\b(?:veux|vais|jveux) me tue\b(?! (?:a|au|de|pour))",
        r"\b(?:veux|voudrais|vais|envie de|aimerais|prefererais|souhaite) (?:\w+ )?(?:mourir|mourrir"
        r"|crever|etre mort|etre morte|disparaitre pour toujours|disparaitre pour de bon|plus exister"
        r"|ne plus exister)\b",
        r"\b(?:le )?gout de mourir\b|\bjveux mourir\b|\bjveux mourrir\b|\bveut mourir\b|\b(?:jveu|veu|veus) (?:\w+ )?(?:mourir|mourrir|crever|me tuer)\b",
        r"\bme foutre en l air\b|\bme flinguer\b|\ben finir avec la vie\b",
        r"\bme suis (?:encore|de nouveau|a nouveau) (?:coupee?|scarifiee?|brulee?|fait du mal)\b",
        r"\b(?:ne veux|veux|ai) plus (?:envie de )?(?:vivre|exister)\b",
        r"\bplus envie d etre (?:la|ici|en vie)\b|\bpas envie d etre (?:la|en vie)\b",
        r"\bmieux sans moi\b",
        r"\bpeux plus continuer\b|\bpeux plus vivre\b",
        r"\bne (?:jamais|plus) me reveiller\b|\b(?:veux|voudrais) (?:plus|pas) me reveiller\b",
        r"\ba quoi bon vivre\b|\bplus de raison de vivre\b|\baucune raison de vivre\b",
        r"\bscarifi",
        r"\bme (?:fais|faire|suis fait|suis faite|fait) du mal\b",
        r"\bme (?:suis )?(?:brule|brulee|coupe|coupee) (?:expres|volontairement|les veines"
        r"|les poignets|les bras)\b|\bme couper les veines\b|\bme taillade",
        r"\b(?:avale|pris|prendre|avaler) (?:une boite|toute une boite|tous mes|toutes mes"
        r"|des tonnes de|plein de|trop de|une plaquette|un tube)(?: de| d)? (?:medicaments|cachets"
        r"|pilules|comprimes|somniferes)",
        r"\bmes lettres d adieu\b|\blettre d adieu a (?:ma famille|mes (?:parents|enfants|proches)|tous)\b|\blettre de suicide\b",
        r"\bdonne toutes mes affaires\b|\bdonne toutes mes choses\b",
        r"\bme pendre\b|\bme jeter (?:du|d un|de la|sous|par)\b|\bsaute (?:du|d un) (?:pont|toit"
        r"|immeuble)\b",
        r"\ben finir\b(?! avec (?:le|la|les|ce|cette|mon|ma)\b(?! vie))",
        r"\bmettre fin a (?:mes jours|ma vie)\b",
        r"\b(?:aimerais|voudrais|prefererais) (?:etre|mieux etre) mort[e]?\b",
        r"\bdisparaissais pour toujours\b|\bdisparaitre pour toujours\b",
        r"\bme mutile\b|\bautomutil",
        r"\bje me coupe\b(?! (?:les|en|avec le couteau en|souvent en|parfois en|un|une|des|du))|\bme bless(?:e|er|ee) (?:expres|volontairement)\b",
        r"\bma derniere nuit\b",
    ),
    unsure=(
        r"\ben peux plus\b|\bj en ai marre de (?:vivre|tout|la vie)\b",
        r"\bplus rien n a de sens\b|\brien n a de sens\b",
        r"\b(?:veux|voudrais) disparaitre\b|\benvie de disparaitre\b(?! (?:sous|dans|quelques|un peu|pendant|de))",
        r"\bsans issue\b|\bdesespere[e]?\b",
    ),
    hard=(
        r"\b(?:triste|tristesse|deprime[e]?|moral a zero|cafard|anxieux|anxieuse|angoisse[e]?"
        r"|stresse[e]?|stress|peur|inquiet|inquiete|(?:me sens|suis|si|tellement) seule?|solitude|epuise[e]?|creve[e]?"
        r"|deborde[e]?|pleure|pleurer|(?:me sens|suis) vide|journee difficile|sale journee)\b",
    ),
    idioms=(
        r"\bmort[e]? de (?:fatigue|rire|honte|faim|peur|froid|ennui)\b",
        r"\bmourir de (?:honte|rire|faim|ennui|froid|chaud)\b|\bmeurs de (?:faim|soif|froid|chaud|envie"
        r"|rire)\b",
        r"(?<!veux )(?<!vais )(?<!jveux )\bme tue(?:nt)?\b(?! (?:ce soir|demain))|\bm a tue\b|\btuerais pour\b",
        r"\bbelle a mourir\b|\bbeau a mourir\b",
        r"\b(?:vivre )?la vie (?:de quelqu un d autre|des autres)\b",
        r"\bme faire mal (?:en|au|a la|pendant)\b",
    ),
)

ITALIAN = Language(
    crisis=(
        r"\b(?:provato|tentato|provo|provare) (?:a |ad |di )(?:uccidermi|ammazzarmi|suicidarmi|impiccarmi|togliermi la vita)\b",
        r"\bsuicidarmi\b|\bpensieri suicid|\b(?:penso|pensato|pensando|pensavo) (?:\w+ )?(?:al |di )?suicid",
        r"\bmi (?:voglio|vorrei|devo) (?:ammazzare|uccidere|suicidare)\b(?! (?:di|dal|dalle|dalla|a|per|con))|\b(?:voglio|vorrei|vojo) morie\b",
        r"\bmi (?:uccido|ammazzo)\b(?! (?:di|dal|dalle|dalla|a lavorare|per|con))",
        r"\b(?:uccidermi|ammazzarmi|togliermi la vita|farla finita|farmi fuori)\b",
        r"\b(?:voglio|vojo|vorrei|voglia di|desidero) (?:\w+ )?(?:morire|essere mort[oa]"
        r"|sparire per sempre|non esistere|non esserci piu)\b",
        r"\bnon voglio (?:piu )?(?:vivere|essere qui|esistere|svegliarmi|esserci)\b",
        r"\bmeglio senza di me\b",
        r"\bnon ce la faccio piu (?:ad andare avanti|a vivere|a continuare)\b",
        r"\b(?:addormentarmi|dormire) e non svegliarmi piu\b|\bnon svegliarmi piu\b",
        r"\bnon ha (?:piu )?senso (?:vivere|la vita|continuare)\b(?! la vita di)",
        r"\b(?:tagliat[oa]|tagliata di nuovo) (?:di nuovo|ancora|le braccia|i polsi)\b|\bmi taglio\b"
        r"|\btagliarmi (?:le vene|i polsi|le braccia|ancora)\b",
        r"\b(?:farmi|mi sto facendo|mi faccio|mi sono fatt[oa]) del male\b",
        r"\b(?:bruciat[oa]|tagliat[oa]|ferit[oa]) apposta\b",
        r"\b(?:preso|ingoiato|prendere|ingoiare) (?:un sacco di|tutte le mie|tutte le|una scatola di|un flacone di"
        r"|troppe|una manciata di|un mucchio di) (?:pillole|pastiglie|compresse|medicine|sonniferi)",
        r"\b(?:mie|mia) letter[ae] di addio\b|\blettera d addio (?:ai|a tutti)\b",
        r"\bregalato tutte le mie cose\b",
        r"\bimpiccarmi\b|\bimpicco\b",
        r"\bmi butto (?:dal|da un|dalla|sotto|giu)\b|\bbuttarmi (?:dal|da un|sotto|giu)\b",
        r"\bsparissi per sempre\b",
        r"\bautolesion",
        r"\bmale (?:apposta|di proposito|volontariamente)\b",
        r"\bla mia ultima notte\b",
    ),
    unsure=(
        r"\bnon ce la faccio piu\b",
        r"\b(?:voglio|vorrei) sparire\b",
        r"\bstanc[oa] di vivere\b|\bniente ha senso\b|\bsenza via d uscita\b|\bsenza speranza\b",
    ),
    hard=(
        r"\b(?:triste|tristezza|giu|depress[oa]|ansios[oa]|ansia|angoscia|preoccupat[oa]|paura"
        r"|spaventat[oa]|(?:mi sento|sono|cosi|tanto) sol[oa]|solitudine|esaust[oa]|sfinit[oa]|stressat[oa]|stress|pianto"
        r"|piangere|ho pianto|(?:mi sento|sono) vuot[oa]|giornata difficile|giornataccia)\b",
    ),
    idioms=(
        r"\bstanc[oa] mort[oa]\b",
        r"\bmort[oa] di (?:vergogna|fame|sonno|freddo|paura)\b",
        r"\bmuoio (?:dal|di|dalle) (?:ridere|fame|sonno|freddo|caldo|vergogna|noia)\b"
        r"|\bmorire dal ridere\b",
        r"\bmi (?:sta|stanno|stai) uccidendo\b|\bmi ammazza\b|\bucciderei per\b",
        r"\bbell[oa] da morire\b",
        r"\b(?:vivere )?la vita (?:di qualcun altro|degli altri)\b",
        r"\btagliat[oa] i capelli\b",
    ),
)

RUSSIAN = Language(
    crisis=(
        r"\b(?:думаю|думала|думал|мысли|мысль|подумываю) (?:\w+ )?(?:о |об )?(?:самоубийств\w*|суицид\w*)|\bсуицидальн|\bсовершить самоубийство\b|\bвыпилит|\bвыпилюсь\b|\bсамовыпил|\bроскомнадзорн",
        r"\b(?:убить|убью|убиваю) себя\b|\bпокончить с собой\b|\bпокончу с собой\b",
        r"\b(?:хочу|хачу|хочю|хотела бы|хотел бы|хочется) (?:\w+ )?(?:умереть|умиреть|сдохнуть"
        r"|помереть|не жить|не существовать)\b",
        r"\bне хочу (?:больше )?жить\b|\bне хочется (?:больше )?жить\b|\bжить (?:больше |уже )?не хочется\b",
        r"\bне хочу (?:здесь |тут )?(?:больше )?быть\b|\bне хочу больше существовать\b",
        r"\bлучше без меня\b|\bбез меня (?:всем )?(?:будет )?лучше\b",
        r"\bбольше так не могу\b|\bтак больше не могу\b|\bне могу так больше жить\b",
        r"\bуснуть и не проснуться\b|\bзаснуть и не проснуться\b|\bне проснуться никогда\b",
        r"\b(?:нет|никакого) смысла жить\b(?! чуж)|\bжить незачем\b|\bнезачем жить\b"
        r"|\bне для чего жить\b",
        r"\b(?:порезал|порезала|режу|резала|резал|резать|порежу) (?:себе )?(?:себя|руки|вены|запястья)\b",
        r"\b(?:причиняю|причинить|причинила|причинил|наношу|нанесла) себе (?:боль|вред|порезы)\b",
        r"\b(?:обжег|обожгла|обожгл|прижгла|прижег) себя\b|\bспециально (?:обожгла|порезала)\b",
        r"\b(?:пачку|упаковку|горсть|кучу|много|целую пачку|все свои|банку) (?:таблеток|таблетки"
        r"|снотворного|колес)\b",
        r"\b(?:выпил\w*|наглотал\w*|принял\w*|приняла|съел\w*) (?:все|всю пачку|целую пачку|много|кучу|горсть|упаковку) (?:\w+ )?(?:таблет\w*|пилюл\w*|лекарств\w*|снотворн\w*)",
        r"\bпрощальные письма\b|\bпредсмертн",
        r"\b(?:снова|опять|опять себя|снова себя) (?:порезал\w*|резал\w*|поранил\w*)\b",
        r"\b(?:режусь|резалась|резался)\b|\bсебя (?:режу|резала|резал|порезала|порезал)\b",
        r"\bраздал[аи]? (?:все|всё) (?:свои )?вещи\b",
        r"\bповеситься\b|\bповешусь\b|\bвздернуться\b",
        r"\bпокончить (?:со всем|с жизнью|со всем этим)\b|\bпокончу со всем\b",
        r"\bлучше бы я (?:умер|умерла|не рождался|не родилась|сдох)\b",
        r"\b(?:спрыгну|прыгну|сброшусь|выпрыгну|броситься|брошусь) (?:с|из|под) (?:моста|крыши|окна"
        r"|поезд)",
        r"\bисчезну навсегда\b|\bисчезнуть навсегда\b",
        r"\bмоя последняя ночь\b|\bэто последняя ночь\b",
        r"\bне хочу (?:больше )?(?:никогда )?просыпаться\b",
    ),
    unsure=(
        r"\bне могу больше\b|\bбольше не могу\b",
        r"\bхочу исчезнуть\b|\bустал[а]? от жизни\b|\bнет выхода\b|\bбезнадежн|\bвсе бессмысленно\b",
    ),
    hard=(
        r"\b(?:грустно|грусть|тоскливо|тоска|депресс\w*|тревож\w*|тревога|страшно|боюсь|одиноко"
        r"|одинок\w*|устал\w*|вымотан\w*|выгор\w*|стресс|плакал\w*|плачу|поплакал\w*|тяжело"
        r"|тяжелый день|плохой день|(?:мне|на душе|внутри) пусто|пустота)\b",
    ),
    idioms=(
        r"\bумер(?:ла)? со стыда\b|\bумираю (?:со|от) (?:смеха|смеху|голода|скуки|стыда)\b"
        r"|\bумер(?:ла)? (?:со|от) смеха\b",
        r"\bменя убива(?:ет|ют)\b|\bубива(?:ет|ют)\b|\bубил[аи]? бы за\b",
        r"\bпокончил[аи]? (?:со|с) (?:стирк\w*|уборк\w*|работ\w*|делами|этим отчетом)\b",
        r"\bжить чужой жизнью\b",
    ),
)

UKRAINIAN = Language(
    crisis=(
        r"\b(?:думаю|думала|думав|думки|думка) (?:\w+ )?(?:про |о )?(?:самогубств\w*|самовбивств\w*|суїцид\w*)|\bсуїцидальн|\bскоїти самогубство\b|\bсамовбивств",
        r"\b(?:вбити|вбю|вбиваю|убити) себе\b|\bпокінчити з собою\b|\bпокінчу з собою\b",
        r"\b(?:хочу|хотіла б|хотів би|хочеться) (?:\w+ )?(?:померти|вмерти|здохнути|не жити"
        r"|не існувати)\b",
        r"\bне хочу (?:більше )?жити\b|\bне хочеться (?:більше )?жити\b|\bжити (?:більше |вже )?не хочеться\b",
        r"\bне хочу (?:тут )?(?:більше )?бути\b|\bне хочу більше існувати\b",
        r"\bкраще без мене\b|\bбез мене (?:всім )?(?:буде )?краще\b",
        r"\bбільше так не можу\b|\bтак більше не можу\b",
        r"\b(?:заснути|заснуть|уснути) (?:і|й) (?:не|ніколи не) прокин",
        r"\b(?:немає|нема) сенсу жити\b(?! чуж)|\bжити (?:нема|немає) навіщо\b|\b(?:нема|немає)"
        r" навіщо жити\b|\bнема для чого жити\b",
        r"\b(?:порізала|порізав|ріжу|різала|різав|різати|поріжу) (?:собі )?(?:себе|руки|вени|зап'ястя)\b",
        r"\b(?:завдаю|завдати|завдала|завдав) собі (?:болю|шкоди)\b",
        r"\b(?:обпекла|обпік|припекла) себе\b",
        r"\b(?:пачку|упаковку|жменю|купу|всі свої|банку) (?:пігулок|таблеток|снодійного)\b",
        r"\b(?:випи\w*|наковтал\w*|прийня\w*|зї\w*) (?:всі|усі|цілу пачку|багато|купу|жменю|упаковку) (?:\w+ )?(?:пігул\w*|таблет\w*|ліки|ліків|снодійн\w*)",
        r"\bпрощальні листи\b|\bпередсмертн",
        r"\b(?:знову|знов|опять) (?:порізал\w*|різал\w*|поранил\w*)\b",
        r"\b(?:ріжуся|різалася|різався)\b|\bсебе (?:ріжу|різала|різав|порізала|порізав)\b",
        r"\bрозда(?:в|ла|ли) (?:усі|всі) (?:свої )?речі\b",
        r"\bповіситися\b|\bповішуся\b",
        r"\bпокінчити (?:з усім|з життям|із життям|з усім цим)\b",
        r"\bкраще б я (?:помер|померла|не народився|не народилася)\b",
        r"\b(?:стрибну|стрибнути|кинусь|кинутися) (?:з|під) (?:мосту|даху|вікна|потяг)",
        r"\bзникну назавжди\b|\bзникнути назавжди\b",
        r"\bмоя остання ніч\b|\bце остання ніч\b",
        r"\bне хочу (?:більше )?(?:ніколи )?прокидатися\b",
    ),
    unsure=(
        r"\bне можу більше\b|\bбільше не можу\b",
        r"\bхочу зникнути\b|\bвтомил(?:ася|ся) від життя\b|\b(?:немає|нема) виходу\b|\bбезнадійн",
    ),
    hard=(
        r"\b(?:сумно|смуток|депрес\w*|тривож\w*|тривога|страшно|боюся|самотньо|самотн\w*|втомил\w*"
        r"|виснажен\w*|вигор\w*|стрес|плакал\w*|плачу|поплакал\w*|важко|важкий день|поганий день"
        r"|порожньо|хвилююся)\b",
    ),
    idioms=(
        r"\b(?:по|в)мер(?:ла)? від (?:сорому|сміху)\b|\bпомираю (?:від|з) (?:сміху|голоду|нудьги|сорому)\b",
        r"\bмене вбива(?:є|ють)\b|\bвбива(?:є|ють)\b|\bвбив(?:ла)? б за\b",
        r"\bпокінчив(?:ла)? з (?:пранням|прибиранням|роботою|цим звітом)\b",
        r"\bжити чужим життям\b",
    ),
)

POLISH = Language(
    crisis=(
        r"\bmysl\w* (?:o )?samob(?:o|u)j\w*|\bpopeln\w* samoboj\w*|\bsklonnosci samobojcze\b|\bmysli samobojcze\b",
        r"\b(?:zabic|zabije|zabijam) sie\b|\bsie zabic\b|\bsie zabije\b",
        r"\b(?:chce|chcialabym|chcialbym|chce mi sie) (?:\w+ ){0,2}(?:umrzec|nie zyc|zdechnac)\b",
        r"\bnie chce (?:juz )?zyc\b|\bnie chce mi sie (?:juz )?zyc\b|\bzyc mi sie (?:juz )?nie chce\b",
        r"\blepiej beze mnie\b|\bbeze mnie (?:byloby|bedzie) (?:wszystkim )?lepiej\b",
        r"\bnie moge (?:juz )?tak (?:dalej|zyc)\b",
        r"\bzasnac i (?:sie )?(?:juz )?nie obudzic\b|\bnigdy sie nie obudzic\b"
        r"|\bnie chce sie (?:juz )?(?:nigdy )?obudzic\b",
        r"\bnie ma (?:juz )?sensu zyc\b(?! cudz)|\bnie mam po co zyc\b",
        r"\b(?:pocielam|pocielem|tne|ciac|ciecie|pocie|tnie|pociac|cielam|cialem|cielas) sie\b|\bsie (?:pocielam|pocielem|tne)\b",
        r"\b(?:robie|zrobic|zrobilam|zrobilem|zrobie) sobie krzywde\b(?! (?:na|podczas|w czasie|przy))",
        r"\b(?:poparzyl\w*|pocial\w*|zranil\w*) sie celowo\b|\bcelowo sie (?:poparzyl|pocial|zranil)",
        r"\b(?:cale opakowanie|garsc|kupe|mnostwo|wszystkie|cala fiolke) (?:tabletek|tabletki|lekow"
        r"|prochow)\b|\bnałykalam sie\b|\bnalykalem sie\b",
        r"\blisty pozegnalne\b|\blist pozegnalny do (?:rodzicow|rodziny|was|wszystkich|mamy)\b",
        r"\brozdal(?:em|am) wszystkie (?:swoje )?rzeczy\b",
        r"\bpowiesic sie\b|\bpowiesze sie\b|\bsie powiesic\b",
        r"\bze soba skonczyc\b|\bskonczyc ze soba\b|\bskoncze ze soba\b",
        r"\bodebrac sobie zycie\b",
        r"\b(?:wolal\w*|chcial\w*) (?:\w+ )?nie zyc\b|\bwolal\w* umrzec\b",
        r"\b(?:skocze|skoczyc|rzuce sie) (?:z|pod) (?:mostu|dachu|okna|pociag)",
        r"\bzniknac na zawsze\b|\bzniknel[ai]? na zawsze\b|\bznikne na zawsze\b",
        r"\bmoja ostatnia noc\b|\bto (?:moja )?ostatnia noc\b",
        r"\bsamookalecz|\bsamookal",
        r"\bsie (?:cielam|cialem|cielas|tne|tnie|pocielam|pocielem)\b",
        r"\b(?:chce|chcialabym|chcialbym) (?:\w+ ){0,2}um(?:rz|z|sz|z)ec\b",
    ),
    unsure=(
        r"\bnie daje (?:juz )?rady\b|\bnie moge juz\b",
        r"\bchce zniknac\b|\bmam dosc zycia\b|\bzmeczon\w* zyciem\b|\bbez wyjscia\b",
    ),
    hard=(
        r"\b(?:smutno|smutek|smutn\w*|przygnebion\w*|depresj\w*|zestresowan\w*|stresuje|stres|lek"
        r"|niepokoj\w*|boje sie|samotn\w*|wykonczon\w*|padniet\w*|zmeczon\w*|wypalon\w*|plakal\w*"
        r"|placze|poplakal\w*|ciezki dzien|zly dzien|(?:czuje sie|jest mi) pust\w*|pustka|beznadziej\w*)\b",
    ),
    idioms=(
        r"\bumarl(?:am|em|a)? ze (?:wstydu|smiechu)\b|\bumieram (?:ze|z) (?:smiechu|glodu|nudow|wstydu)\b",
        r"\bmnie zabija(?:ja)?\b|\bzabil(?:bym|abym) za\b",
        r"\bskonczyl(?:em|am) z (?:praniem|praca|sprzataniem)\b",
        r"\bzabojczo\b|\bmnie wykonczy\b",
        r"\bzyc cudzym zyciem\b",
    ),
)

LANGUAGES: dict[str, Language] = {
    "en": ENGLISH,
    "es": SPANISH,
    "pt": PORTUGUESE,
    "de": GERMAN,
    "fr": FRENCH,
    "it": ITALIAN,
    "ru": RUSSIAN,
    "uk": UKRAINIAN,
    "pl": POLISH,
}
"""Every language Tend reads; all are tried on every message."""


# Phrasings that carry over from language to language, written once per language: "better if
# I weren't here", a body part cut, no reason to live, wanting everything to end. These were
# added after a second held-out set (tests/care_corpus/held_out_2.yaml) missed most of them.
_FOREVER = (
    r"(?:forever|for good|permanently|para siempre|por siempre|de una vez|para sempre|pra sempre"
    r"|de uma vez|fur immer"
    r"|pour toujours|pour de bon|per sempre|навсегда|назавжди|na zawsze)"
)
_BETTER = (
    r"(?:better|easier|happier|lighter|relieved|glad|mejor|mas facil|mas felices|aliviad[oa]s?"
    r"|melhor|mais facil|mais felizes|aliviad[oa]s|besser|leichter|froh|glucklich|erleichtert"
    r"|mieux|plus facile|plus heureux|soulages?|meglio|piu facile|piu felici|sollevat[ie]"
    r"|лучше|легче|счастливее|краще|легше|щасливіше|lepiej|latwiej|szczesliwsi|ulga)"
)
_IF_I_WERE_GONE = (
    r"(?:if i (?:just )?(?:didnt exist|did not exist|was gone|were gone|disappeared|died|was dead"
    r"|(?:wasnt|werent|was not|were not) (?:here|around|alive|in it|in (?:the picture|their lives)"
    r"|there|born)\b(?! (?:to|for|at|on|in|with|when|so) ))"
    r"|si (?:yo )?(?:no (?:estuviera|estuviese|existiera|existiese)|desapareciera|me muriera"
    r"|muriera|me fuera para siempre)"
    r"|se eu (?:nao (?:existisse|estivesse)|sumisse|morresse|desaparecesse|partisse)"
    r"|wenn (?:ich (?:nicht mehr )?(?:weg|tot|nicht (?:mehr )?da|nicht mehr am leben|nicht mehr hier)"
    r" (?:ware|waere)|es mich nicht (?:mehr )?gabe)"
    r"|si (?:je |j )?(?:n )?(?:etais plus|existais plus|existais pas|etais pas la|etais morte?"
    r"|disparaissais|mourais)|si jetais (?:plus la|morte?)"
    r"|se (?:io )?(?:non ci fossi|non esistessi|sparissi|morissi|fossi mort[oa])"
    r"|(?:если бы|если) меня не (?:было|стало|станет)|если я (?:умру|исчезну)"
    r"|если бы я (?:умер|умерла|исчез|исчезла|не родился|не родилась)"
    r"|(?:якби|якщо|коли) мене не (?:було|стало|стане)|якщо я (?:помру|зникну)"
    r"|якби я (?:помер|померла|зник|зникла|не народився|не народилася)"
    r"|(?:gdyby|jakby|gdy|jak) mnie nie (?:bylo|bedzie)|gdybym (?:umarl|umarla|zniknal|zniknela))"
)
_NOT_EXIST = (
    r"(?:(?:better|easier) (?:to |if i )?not (?:exist|be here|be alive|be born)"
    r"|mejor no (?:existir|estar aqui|estar viv[oa]|haber nacido)"
    r"|melhor nao (?:existir|estar aqui|estar viv[oa]|ter nascido)"
    r"|besser (?:\w+ )?nicht (?:zu )?(?:existieren|leben|da (?:zu )?sein|geboren)"
    r"|mieux (?:de )?ne (?:pas|plus) (?:exister|etre la|vivre|etre ne)"
    r"|meglio non (?:esistere|esserci|vivere|essere nat[oa])"
    r"|лучше бы меня не было|лучше бы я не (?:жил|жила|родил)"
    r"|краще б мене не було|краще б я не (?:жив|жила|народ)"
    r"|lepiej (?:by bylo )?(?:gdyby mnie nie bylo|nie zyc|nie istniec))"
)
_NO_REASON_TO_LIVE = (
    r"(?:(?:no|dont|cant|not|lost|without|any) .{0,30}(?:reason|point|sense) (?:to|in|for|of)"
    r" (?:keep |go on |continue |carry on )?(?:living|live|going on|staying alive|being alive)\b"
    r"(?! (?:\||in|with|like|as|on|at|for|alone|here|there|under|near|without|by|someone|other))"
    r"|(?:no|ningun|ninguna|sin|perdi|perdido) .{0,30}(?:sentido|razon|motivo|ganas) (?:a |de |para"
    r" |en )?(?:seguir )?(?:vivir|viviendo|mi vida)\b"
    r"|(?:nao|nenhum|nenhuma|sem|perdi) .{0,30}(?:sentido|razao|motivo|vontade) (?:de |para |em )?"
    r"(?:continuar )?(?:viver|vivendo|minha vida)\b"
    r"|(?:kein|keinen|keine|nicht|ohne) .{0,30}(?:sinn|grund|lust|kraft) (?:mehr )?(?:zu |am |im )?"
    r"(?:leben|weiterleben|weiterzuleben)\b(?! (?:\||in|von|mit|an|auf))"
    r"|(?:pas|plus|aucune?|sans) .{0,30}(?:raison|sens|envie|but) (?:de |d )?(?:continuer a )?"
    r"(?:vivre|ma vie)\b(?! (?:\||a|en|au|dans|avec|ici|comme))"
    r"|(?:non|nessun|nessuna|senza) .{0,30}(?:senso|motivo|ragione|voglia) (?:di |per |a )?"
    r"(?:continuare a )?(?:vivere|la mia vita)\b(?! (?:\||a|in|con|da|cosi))"
    r"|(?:смысла|причин\w*|желания|сил) (?:\w+ )?жить\b(?! (?:\||чуж|в |с |на |у |по ))"
    r"|(?:сенсу|причин\w*|бажання|сил) (?:\w+ )?жити\b(?! (?:\||чуж|в |з |на |у |за ))"
    r"|(?:sensu|powodu|powodow|checi|sily|sil) (?:\w+ )?zyc\b(?! (?:\||cudz|w |z |na |jak )))"
)
_ALL_TO_END = (
    r"(?:(?:want|wish|need) (?:it|everything|it all|all of (?:this|it)|all this) (?:to|would)"
    r" (?:stop|end)\b(?! (?:well|nicely|happily|on a|with|soon so))"
    r"|(?:que|quiero que) (?:todo|esto) (?:se )?(?:acabe|termine|pare|acabara|terminara)"
    r"|que se (?:acabe|termine|acabara|terminara) (?:todo|esto)"
    r"|que (?:tudo|isso) (?:acabasse|acabe|terminasse|parasse|termine)"
    r"|dass (?:alles|es) (?:endlich )?(?:aufhort|vorbei ist|endet|vorbei ware)"
    r"|que tout (?:s arrete|se termine|finisse|cesse|s arretait)"
    r"|che tutto (?:finisca|finisse|si fermi|finisse)"
    r"|(?:чтобы|что бы) (?:все|это) (?:закончилось|кончилось|прекратилось)"
    r"|(?:щоб|аби) (?:усе|все|це) (?:скінчилося|закінчилося|припинилося)"
    r"|(?:zeby|aby|by) (?:to )?(?:wszystko|to) (?:to )?(?:sie )?(?:skonczylo|przestalo))"
)
_BODY_CUT = (
    r"(?:(?:cut|cutting|slit|slitting|sliced|slashed|carved|burn|burned|burnt|burning) (?:open )?"
    r"(?:my|into my) (?:wrists|arms|thighs|legs|skin|veins)\b(?! (?:on|while|when|at|in the|during"
    r"|cooking|shaving|playing|hiking|climbing|gardening))"
    r"|(?:my )?wrists? (?:are|is) (?:a mess|cut|bleeding|scarred)"
    r"|(?:corte|cortado|corto|cortando|cortarme|raje|queme|quemado) (?:\w+ )?(?:los brazos"
    r"|las munecas|las piernas|los muslos|la piel|las venas)"
    r"|me (?:corte|he cortado) (?:otra vez|de nuevo)"
    r"|(?:cortei|corto|cortando|cortar|queimei) (?:\w+ )?(?:os bracos|os pulsos|as pernas"
    r"|as coxas|a pele)|me cortei (?:de novo|outra vez)"
    r"|(?:arme|handgelenke|pulsadern|beine|oberschenkel|haut) (?:\w+ )?(?:aufgeschnitten"
    r"|aufgeritzt|geschnitten|aufschneiden|verbrannt)"
    r"|(?:schneide|schnitt|ritze) (?:mir )?(?:die )?(?:arme|handgelenke|pulsadern)"
    r"|(?:coupe|coupee|couper|taillade|tailladee|brule|brulee) (?:\w+ )?(?:les bras|les poignets"
    r"|les veines|les cuisses)"
    r"|(?:tagliat[oa]|taglio|tagliare) (?:\w+ )?(?:le braccia|i polsi|le vene|le cosce)"
    r"|(?:cielam|cial|tne|pocielam|pocielem|ciac|pocialem|pocielam) (?:sobie )?(?:rece|nadgarstki"
    r"|nogi|uda|skore))"
)

_SLEEP = (
    r"(?:sleep|fall asleep|dormir|dormirme|dormire|addormentarmi|schlafen|einschlafen|уснуть"
    r"|заснуть|спать|заснути|спати|usnac|zasnac|spac)"
)

_DESERVE_TO_DIE = (
    r"(?:deserve (?:to die|to be dead|death)|merezco (?:morir|la muerte|estar muert[oa])"
    r"|mereco (?:morrer|a morte)|verdient (?:\w+ )?(?:zu sterben|tot zu sein)|den tod verdient"
    r"|merite (?:de mourir|la mort)|merito (?:di morire|la morte)|заслуживаю (?:смерти|умереть)"
    r"|заслуговую (?:на смерть|померти)|zasluguje (?:na smierc|by umrzec|zeby umrzec))"
)
_LEAVE_THE_WORLD = (
    r"(?:leave this (?:world|earth|life)|irme de este mundo|ir de este mundo|dejar este mundo|salir de este mundo"
    r"|(?:sumir|ir embora|sair) (?:desse|deste) mundo|deixar (?:esse|este) mundo"
    r"|weg von dieser welt|diese welt verlassen|quitter ce monde|partir de ce monde"
    r"|andarmene da questo mondo|lasciare questo mondo|уйти из (?:этого мира|жизни)"
    r"|покинуть этот мир|піти з (?:цього світу|життя)|покинути цей світ|odejsc z tego swiata"
    r"|opuscic ten swiat)"
)
_RUN_OVER = (
    r"(?:(?:car|bus|truck|train|lorry) (?:would|will|to|could) (?:just )?(?:hit|run over|kill) me"
    r"|me atropell(?:ara|e|ase|en)|me atropel(?:asse|e|em)"
    r"|(?:auto|zug|bus|lkw) (?:mich )?(?:uberfahrt|uberfahren wurde|erfasst)"
    r"|(?:voiture|train|bus|camion) (?:m ecrase|me renverse|m ecrasait|me renversait|m ecraserait)"
    r"|(?:macchina|treno|auto|camion) mi (?:investa|investisse|investe|investirebbe)"
    r"|(?:машина|поезд) (?:меня )?(?:собьет|сбила бы|сбил бы|переехал)|попасть под (?:машину|поезд)"
    r"|(?:машина|потяг) (?:мене )?(?:зібє|збила б|збив би)|потрапити під (?:машину|потяг)"
    r"|(?:samochod|pociag|auto) (?:mnie )?(?:potracil|przejechal|potraci)|wpasc pod (?:samochod|pociag))"
)
_URGE_TO_CUT = (
    r"(?:urges? to (?:cut|self harm|hurt myself)|(?:want|wanna|need) to cut(?! (?:my hair|back|down|it|the|a ))"
    r"|ganas de (?:cortarme|hacerme dano)\b(?! (?:el|la|las|los) )"
    r"|vontade de me (?:cortar|machucar)|(?:drang|lust) (?:mich )?zu ritzen|will mich ritzen"
    r"|envie de me (?:couper|scarifier|faire du mal)\b(?! les cheveux)|voglia di (?:tagliarmi|farmi del male)\b(?! i capelli)"
    r"|хочется (?:порезаться|порезать себя|сделать себе больно)|хочу порезаться"
    r"|хочеться (?:порізатися|порізати себе|зробити собі боляче)|хочу порізатися"
    r"|ochote sie (?:pociac|ciac)|chce sie pociac)"
)
_TIRED_OF_LIVING = (
    r"(?:tired of (?:living|being alive)|cansad[oa] de vivir|harto de vivir|harta de vivir|me canse de vivir"
    r"|cansei de viver|cansad[oa] de viver|mude vom leben|lebensmude|fatigue(?:e)? de vivre"
    r"|marre de vivre|stanc[oa] di vivere|устал[аи]? жить|устал[аи]? от жизни|втомил(?:ася|ся) жити"
    r"|втомил(?:ася|ся) від життя|zmeczon\w* zyciem|mam dosc zycia)\b(?! (?:in|en|em|in der|a |au |на |в |w |like|so|asi|assim|cosi|так|tak))"
)
_NOT_WAKE = (
    r"(?:(?:hope|hoping|wish) i (?:dont|never|wont|do not) wake up\b(?! (?:my|the|him|her|them|anyone|everyone|you|early|late|at|before|in time))"
    r"|nao (?:quero|queria) (?:mais )?acordar(?! cedo)"
    r"|(?:will|mochte|wurde gern) (?:morgen )?nicht (?:mehr )?aufwachen"
    r"|nie chce sie (?:juz |jutro )?(?:nigdy )?obudzic)"
)

# The widest net, for words nobody listed: a first-person wish within a few words of death.
# UNSURE only: the bot asks, and a false alarm costs a tap.
_WISH = (
    r"(?:i (?:want|wanna|wish|would like|need|wanted)|id (?:like|love|rather)|quiero|kiero"
    r"|quisiera|deseo|ojala|quero|qro|queria|ich will|will ich|mochte|wunschte|wollte|je veux"
    r"|jveux|voudrais|aimerais|envie de|voglio|vorrei|voglia di|хочу|хочется|хотела бы"
    r"|хотел бы|хочеться|хотіла б|хотів би|chce|chcialabym|chcialbym|mam ochote)"
)
_DEATH = (
    r"(?:die|dead|morir|morirme|muert[oa]|morrer|mort[oa]|morte|sterben|tot|mourir|mort|morire"
    r"|умереть|мертв\w*|померти|вмерти|umrzec|martw\w*)"
)

# Signals that only context makes clear: dwelling on death, what still holds someone back,
# standing on a height, a plan for tonight, no future. UNSURE: the bot asks.
_DWELLING = (
    r"(?:(?:think|thinking|thought) (?:\w+ )?(?:about|of) (?:death|dying)\b(?!(?: \w+){0,3} (?:after|since|because of) (?:the|his|her|my|our))"
    r"|(?:pensar|pienso|pensando) (?:\w+ )?en (?:morir|morirme|la muerte|matarme)"
    r"|(?:pensar|penso|pensando|paro de pensar) (?:\w+ )?em (?:morrer|morte|me matar)"
    r"|denke (?:\w+ )?(?:ans sterben|an den tod|an selbstmord)"
    r"|pense (?:\w+ ){0,2}a (?:mourir|la mort)|penso (?:\w+ ){0,2}(?:a|alla) (?:morire|morte)"
    r"|думаю (?:\w+ )?о смерти|думаю (?:\w+ )?про смерть|mysle (?:\w+ )?o smierci)"
)
_HOLDS_ME = (
    r"(?:only (?:thing|reason|one) (?:stopping|keeping|holding) me\b(?! (?:going|awake|sane|warm|busy|from|up|fed))|only (?:thing|reason) im still"
    r" here|lo unico que me (?:detiene|mantiene|retiene)|a unica coisa que me (?:segura|mantem|impede)"
    r"|das einzige,? was mich (?:\w+ )?(?:halt|abhalt)|la seule chose qui me (?:retient|garde)"
    r"|l unica cosa che mi (?:trattiene|tiene qui)|меня (?:\w+ )?держит только|только \w+ меня держит"
    r"|мене (?:\w+ )?тримає тільки|тільки \w+ мене тримає|trzyma mnie (?:\w+ )?tylko)"
)
_ON_A_HEIGHT = (
    r"(?:(?:stood|standing|sat|sitting) (?:\w+ ){0,3}on (?:the|a) (?:bridge|ledge|roof|rooftop"
    r"|edge|tracks|railway) (?:for (?:an hour|hours|a long time|ages|a while)|last night|again|looking down)"
    r"|(?:estuve|estaba|me quede|parad[oa]) (?:\w+ ){0,3}en (?:el|un) (?:puente|borde|tejado|azotea)"
    r"|(?:fiquei|estava|parad[oa]) (?:\w+ ){0,3}na (?:ponte|beira|borda)"
    r"|(?:stand|stehe|sass|sitze|war) (?:\w+ ){0,3}auf (?:der|einer|dem) (?:brucke|dach|kante)"
    r"|(?:restee?|debout|assise?|etais) (?:\w+ ){0,3}sur (?:le|un) (?:pont|toit|rebord)"
    r"|(?:rimast[oa]|in piedi|sedut[oa]|stavo) (?:\w+ ){0,3}sul (?:ponte|tetto|cornicione)"
    r"|(?:стоял[аи]?|сидел[аи]?) (?:\w+ ){0,2}на (?:мосту|крыше|краю)"
    r"|(?:стояв|стояла|сидів|сиділа) (?:\w+ ){0,2}на (?:мосту|даху|краю)"
    r"|(?:stalam|stalem|siedzialam|siedzialem) (?:\w+ ){0,2}na (?:moscie|dachu|krawedzi))"
)
_PLANNED = (
    r"(?:planned (?:it|everything|it all) (?:for )?tonight\b(?! (?:s|dinner|party|date))"
    r"|planning (?:it|this) for (?:weeks|months|days)"
    r"|todo (?:planeado|preparado|listo) para (?:esta noche|hoy)"
    r"|(?:planejei|preparei) tudo para (?:esta noite|hoje)|tudo (?:planejado|pronto) para (?:esta noite|hoje)"
    r"|alles (?:fur )?(?:heute nacht|heute abend|diese nacht) (?:\w+ )?(?:geplant|vorbereitet)|tout (?:prevu|prepare|planifie) pour ce soir"
    r"|(?:pianificato|preparato|organizzato) tutto per stanotte|tutto pronto per stanotte"
    r"|(?:все|всё) (?:спланировал[а]?|подготовил[а]?) на (?:сегодня|эту ночь)"
    r"|все (?:спланував|спланувала|підготував|підготувала) на (?:сьогодні|цю ніч)"
    r"|wszystko (?:zaplanowane|przygotowane) na (?:dzis|dzisiaj|te noc))"
)
_NO_FUTURE = (
    r"(?:(?:dont|cant|do not|can not) see myself (?:being )?(?:here|around|alive) (?:next|in a"
    r"|by|much|for)|wont be (?:here|around) (?:next|by) (?:year|christmas|summer|week))"
)

_WITHOUT_ME = r"(?:without me(?! \w+ing\b)|sin mi|sem mim|ohne mich|sans moi|senza (?:di )?me|без меня|без мене|beze mnie)"
_EVERYONE = (
    r"(?:everyone|everybody|all|my family|my kids|todos|todo el mundo|mi familia|todo mundo"
    r"|minha familia|alle|meine familie|tout le monde|ma famille|tous|tutti|la mia famiglia"
    r"|всем|все|моей семье|всім|усім|всі|моїй родині|wszyscy|wszystkim|mojej rodzinie)"
)
_CALMER = (
    r"(?:calm\w*|at peace|peaceful|relieved|tranquil\w*|en paz|em paz|ruhe|ruhig\w*|erleichtert"
    r"|tranquille\w*|en paix|soulage\w*|in pace|sollevat\w*|спокойн\w*|спокійн\w*|легче|легше"
    r"|spokoj\w*|spokojniej|lzej)"
)
_STOCKPILE = (
    r"(?:(?:saving|saved|stockpiling|stockpiled|hoarding|hoarded) (?:up )?(?:\w+ )?(?:pills|tablets"
    r"|meds|medication|painkillers)"
    r"|(?:guardado|guardando|guarde|junte|juntando|acumulado|acumulando|acumule) (?:\w+ )?"
    r"(?:pastillas|medicamentos|pildoras)"
    r"|(?:guardei|guardando|juntei|juntando|acumulei|acumulando) (?:\w+ )?(?:comprimidos|remedios"
    r"|pilulas)"
    r"|tabletten (?:\w+ )?(?:gesammelt|gehortet|gebunkert|aufgehoben)"
    r"|(?:mis de cote|garde|stocke|accumule|economise) (?:\w+ ){0,2}(?:medicaments|cachets|pilules"
    r"|comprimes)"
    r"|(?:messo da parte|conservato|accumulato|tenuto da parte) (?:\w+ ){0,2}(?:pillole|pastiglie"
    r"|compresse|medicine)"
    r"|(?:коплю|копила|копил|накопил\w*) (?:\w+ )?(?:таблет\w*|лекарств\w*|снотворн\w*)"
    r"|(?:коплю|накопич\w*) (?:\w+ )?(?:пігул\w*|таблет\w*|ліки|ліків|снодійн\w*)"
    r"|(?:odkladam|gromadze|uzbieral\w*|nazbieral\w*) (?:\w+ )?(?:tabletki|tabletek|leki|lekow|prochy))"
)
_COLLECT_PILLS = (
    r"(?:(?:collecting|collected) (?:\w+ )?(?:pills|tablets|meds)\b(?! from)"
    r"|(?:собираю|собрала|собрал) (?:\w+ )?таблет\w*|(?:збираю|зібрала|зібрав) (?:\w+ )?пігул\w*"
    r"|(?:zbieram|zbieralam|zbieralem) (?:\w+ )?(?:tabletki|tabletek|leki|lekow))"
    r"\b(?! (?:в поездку|в дорогу|в отпуск|на дачу|в аптеке|из аптеки|в поїздку|у дорогу|в дорогу"
    r"|у відпустку|з аптеки|na wyjazd|na wakacje|w podroz|na podroz|z apteki|do apteczki))"
)
_GOODBYE_LETTERS = (
    r"(?:(?:writing|wrote|written|write) (?:\w+ ){0,3}(?:goodbye|farewell) (?:letters|notes)"
    r"|(?:letters|notes) (?:\w+ ){0,4}to say goodbye|goodbye letters|farewell letters"
    r"|cartas de despedida|abschiedsbriefe|lettres d adieu|lettere di addio|прощальные письма"
    r"|прощальні листи|listy pozegnalne)"
)

# Only with a farewell: "I'll do it tonight" is how people speak of the practice itself.
_DO_IT_TONIGHT = (
    r"(?:(?:do|doing) it (?:tonight|today)|tonights the night|esta noche lo hago|lo hago esta noche"
    r"|(?:hoje a noite|esta noite|hoje) (?:eu )?(?:faco|vou fazer)|(?:faco|vou fazer) (?:isso )?hoje"
    r"|heute nacht (?:mache|tue) ich es|(?:mache|tue) ich es heute|ce soir je le fais|je le fais ce soir"
    r"|stanotte lo faccio|lo faccio stanotte|сегодня (?:ночью )?(?:я )?(?:это )?сделаю"
    r"|сьогодні (?:вночі )?(?:я )?(?:це )?зроблю|dzis (?:w nocy )?to zrobie)"
)
_FAREWELL = (
    r"(?:goodbye|bye forever|farewell|adios|adeus|lebt wohl|leb wohl|adieu|addio|прощайте|прощай"
    r"|прощавайте|прощавай|zegnajcie|zegnaj)"
)

# Hurting oneself by hitting or burning, in any tense, and what it leaves.
_HIT_SELF = (
    r"(?:(?:hit|hitting|punch|punching|beat|beating|bang|banging) (?:my ?self|my head)"
    r" (?:\w+ ){0,2}(?:until|till|til) (?:it |i |they )?(?:bruise|bruises|bleed|bleeds|bled)"
    r"|me (?:golpeo|pego|golpee|pegue) (?:\w+ ){0,3}(?:moretones|morados|sangr\w*)"
    r"|me (?:bato|bati|machuco) (?:\w+ ){0,3}(?:roxo|roxa|hematomas|sangr\w*)"
    r"|(?:schlage|schlug|haue) mich (?:\w+ ){0,4}(?:blaue flecken|blute|blutig)"
    r"|me (?:frappe|frappais|cogne) (?:\w+ ){0,4}(?:bleus|saigner|sang)"
    r"|mi (?:picchio|colpisco|picchiavo) (?:\w+ ){0,4}(?:lividi|sangu\w*)"
    r"|(?:бью|била|бил) себя (?:\w+ ){0,2}(?:синяк\w*|кров\w*)"
    r"|(?:бю|била|бив) себе (?:\w+ ){0,2}(?:синц\w*|синяк\w*|кров\w*)"
    r"|(?:bije|bilam|bilem) sie (?:\w+ ){0,3}(?:siniak\w*|krwi))"
)
_BURN_SELF = (
    r"(?:(?:burn|burning|burned|burnt) (?:\w+ ){0,3}with (?:a )?(?:cigarettes?|a lighter|lighters)"
    r"|(?:quemando|quemo|queme) (?:\w+ ){0,2}(?:brazos|piel|munecas|piernas)"
    r"|(?:queimando|queimo|queimei) (?:\w+ ){0,2}(?:bracos|pele|pulsos|pernas)"
    r"|(?:verbrenne|verbrannt|verbrannte) (?:mir )?(?:\w+ )?(?:arme|haut|beine|handgelenke)"
    r"|(?:brule|brulee|brulais) (?:\w+ )?(?:les bras|la peau|les poignets)"
    r"|(?:brucio|bruciata|bruciato|bruciavo) (?:\w+ )?(?:braccia|pelle|polsi)"
    r"|(?:прижига\w*|прижгла|прижег|обжига\w*) (?:себе )?(?:руки|кожу|запяст\w*)"
    r"|(?:припіка\w*|припекла|обпіка\w*) (?:собі )?(?:руки|шкіру|зап\w*)"
    r"|(?:przypala\w*|przypalil\w*) (?:sobie )?(?:rece|skore|nadgarstki)"
    r"|(?:cigarrillos?|cigarros?|zigaretten?|cigarettes?|sigarette|сигарет\w*|цигарк\w*|papierosami)"
    r" .{0,30}(?:brazos|bracos|arme|bras|braccia|руки|rece|piel|pele|haut|peau|pelle|кожу|шкіру|skore))"
)
_ALL_PILLS = (
    r"(?:all (?:of )?(?:my |the )?(?:pills|tablets|meds|medication)"
    r"|todas (?:las |mis )?(?:pastillas|pildoras)|todos (?:los |mis )?medicamentos"
    r"|todos (?:os |meus )?(?:remedios|comprimidos)|todas (?:as |minhas )?pilulas"
    r"|alle (?:meine )?(?:tabletten|pillen|medikamente)|tous (?:mes |les )?(?:medicaments|cachets|comprimes)"
    r"|toutes (?:mes |les )?pilules|tutte (?:le )?(?:mie )?(?:pillole|pastiglie|compresse|medicine)"
    r"|все (?:свои |мои )?(?:таблетки|лекарства|снотворное)|всі (?:свої |мої )?(?:пігулки|таблетки|ліки)"
    r"|wszystkie (?:swoje |moje )?(?:tabletki|leki|prochy))"
)
_NOW_OR_TONIGHT = (
    r"(?:tonight|at once|all at once|esta noche|de una vez|hoje a noite|esta noite|de uma vez"
    r"|heute nacht|auf einmal|ce soir|d un coup|stanotte|stasera|tutte insieme"
    r"|сегодня ночью|сразу|сьогодні вночі|одразу|dzis w nocy|naraz)"
)
_WOULD_KILL_ME = (
    r"(?:(?:yo )?me mataria si|me mataria yo|eu me mataria|je me tuerais|mi ucciderei"
    r"|(?:убила|убил) бы себя|бы (?:убила|убил) себя|(?:убила|вбила|убив|вбив) б себе|б (?:убила|вбила|убив|вбив) себе"
    r"|zabil(?:a)?bym sie|mich umzubringen|mir das leben zu nehmen|wurde mich umbringen)"
)

# Passive wishes and hopelessness: a burden, never born, nothing to live for, no way out,
# wanting the pain to stop. Mostly UNSURE: they are also how grief and illness speak.
_BURDEN = (
    r"(?:(?:im|i am|feel like|feel like im|such|just) (?:a |such a )?(?:burden|weight on everyone)\b(?! when (?:i|asking))"
    r"|burden (?:to|on|for) (?:everyone|everybody|my family|them|others|all)"
    r"|(?:soy|siento que soy) una carga|una carga (?:para|a) (?:todos|mi familia|los demas)"
    r"|(?:sou|me sinto) um (?:peso|fardo)\b(?! (?:pena|leve|morto))|um (?:peso|fardo) (?:para|pra) (?:todos|minha familia)"
    r"|(?:bin|fuhle mich wie) (?:\w+ ){0,2}(?:eine )?last\b|allen (?:\w+ )?(?:nur )?(?:eine )?last"
    r"|(?:suis|sens comme) un (?:poids|fardeau)|un (?:poids|fardeau) pour (?:tout le monde|tous|ma famille)"
    r"|sono (?:solo )?un (?:peso|fardello)|un (?:peso|fardello) per (?:tutti|la mia famiglia)"
    r"|(?<!не )в тягость|(?<!не )обуз[аойу]\w*|(?<!не )тягар\w*|(?<!nie )(?:jestem|czuje sie) (?:\w+ ){0,2}ciezarem|ciezarem dla)"
)
_NEVER_BORN = (
    r"(?:never (?:been |was |were )?born|(?:wasnt|werent|was not|had not been|hadnt been) born"
    r"|no (?:hubiera|hubiese) nacido|nunca (?:haber|hubiera) nacido"
    r"|(?:nunca|nao) (?:ter|tivesse) nascido|nie geboren|nicht geboren"
    r"|jamais (?:naitre|ne|nee)|pas (?:naitre|ne|nee)\b|(?:mai|non essere) nat[oa]"
    r"|не (?:рождал\w*|родил\w*|родиться)|не (?:народжувал\w*|народил\w*|народитися)"
    r"|(?:sie )?nie urodzic|nie urodzil\w*)"
)
_NOTHING_TO_LIVE_FOR = (
    r"(?:nothing (?:left )?to live for|no (?:one|body) to live for"
    r"|nada (?:por (?:lo )?que|para) vivir|nadie por quien vivir"
    r"|nada (?:pelo|por) (?:o )?que viver|ninguem por quem viver"
    r"|nichts (?:mehr)?,? (?:wofur|fur das) (?:es sich )?(?:zu )?leben"
    r"|rien pour (?:quoi )?vivre|plus rien pour vivre|personne pour qui vivre"
    r"|(?:niente|nulla) per cui vivere|nessuno per cui vivere"
    r"|незачем и не для кого жить|не для кого жить|нема для кого жити|nie mam dla kogo zyc)"
)
_NO_WAY_OUT = (
    r"(?:(?:dont|cant|do not) see (?:a|any) way out|nothing (?:will )?ever (?:gets?|get) better"
    r"|(?:it|things|life) will never get better|no hope left|theres no hope\b(?! for (?:my|the|this|that|it|them|him|her) )"
    r"|no hay (?:salida|esperanza)\b(?! (?:de|del|en|para) (?!esto\b|esta vida\b|aqui\b))|nunca va a mejorar|nao (?:ha|tem) (?:saida|esperanca)"
    r"|nunca vai melhorar|kein ausweg\b(?! aus (?:dem|der|den) )|wird (?:\w+ )?nie besser|keine hoffnung mehr"
    r"|(?:pas|aucune) d? ?issue|ne s arrangera jamais|plus aucun espoir"
    r"|(?:nessuna|non c e) via d uscita|non migliorera mai|nessuna speranza"
    r"|никогда не станет лучше|нет надежды|ніколи не стане краще|немає надії"
    r"|nigdy nie bedzie lepiej|nie ma nadziei)"
)
_PAIN_TO_STOP = (
    r"(?:(?:want|need|wish) (?:the|this|my) pain (?:would |to )?(?:stop|end|go away forever)"
    r"|cant (?:take|bear|stand) (?:the|this) pain (?:anymore|any more)|end (?:my|the|this) suffering"
    r"|que (?:pare|acabe|termine) (?:el|este) (?:dolor|sufrimiento)|acabar con (?:el|mi) sufrimiento"
    r"|que (?:a|essa) dor (?:pare|acabe)|acabar com (?:o|meu|esse) sofrimento"
    r"|dass (?:der|dieser) schmerz aufhort|(?:mein|das) leiden beenden"
    r"|que (?:la|cette) douleur s arrete|(?:mettre fin|en finir) (?:a|avec) (?:ma|mes|cette) souffrance"
    r"|che il dolore finisca|(?:porre fine|mettere fine) (?:alla|a questa) (?:mia )?sofferenza"
    r"|чтобы (?:эта )?боль (?:прекратилась|закончилась)|(?:прекратить|закончить) (?:эти )?страдания"
    r"|щоб (?:цей )?біль (?:припинився|скінчився)|припинити (?:ці )?страждання"
    r"|zeby (?:ten )?bol (?:ustal|sie skonczyl)|skonczyc (?:to |moje )?cierpienie)"
)

# Plans and means in every language: giving things away "as I won't need them", a rope bought
# (nothing after it), a weapon, a note to one's family, goodbyes to everyone.
_GIVE_AWAY = (
    r"(?:(?:gave|giving|given|give) (?:away )?(?:all (?:of )?)?(?:my )?(?:things|stuff|belongings"
    r"|possessions)|(?:gave|giving) (?:away )?everything|regal\w* (?:todas )?mis cosas|regal\w* todo"
    r"|(?:doei|dei|doando) (?:todas )?(?:as )?minhas coisas|(?:doei|dei) tudo|alles verschenkt"
    r"|meine sachen verschenkt|donne (?:toutes )?mes (?:affaires|choses)|donne tout"
    r"|regalato (?:tutte )?le mie cose|regalato tutto|раздал\w* (?:все )?(?:свои )?вещи"
    r"|раздал\w* все|розда\w* (?:всі |усі )?(?:свої )?речі|розда\w* все"
    r"|rozdal\w* (?:wszystkie )?(?:swoje )?rzeczy|rozdal\w* wszystko)"
)
_MOVING = (
    r"(?:moving|move|moved|relocat\w*|emigrat\w*|abroad|mudanza|mudo|mudamos|mudanca|mudar|umzug"
    r"|ziehe um|ziehen um|umziehen|demenag\w*|trasloc\w*|trasferisc\w*|переезд\w*|переезжа\w*"
    r"|переїзд\w*|переїжджа\w*|przeprowadz\w*|wyjezdzam|wyprowadz\w*|umgezogen|umzuziehen)"
)
_NO_LONGER_NEED = (
    r"(?:wont need|will not need|dont need) (?:them|it|anything|any of it)|no (?:las|los|lo) (?:voy a )?necesit\w*"
    r"|ya no (?:las|los|lo) necesito|nao vou precisar|nao (?:preciso|precisarei) mais"
    r"|brauche (?:sie|nichts|das|es) (?:\w+ )?(?:nicht )?mehr|n en aurai plus besoin|n en ai plus besoin"
    r"|non mi serv\w* piu|больше не (?:нужн\w*|понадоб\w*)|більше не (?:потрібн\w*|знадоб\w*)"
    r"|(?:juz )?mi sie nie przydadza|nie beda mi potrzebne"
)
_ROPE_BOUGHT = (
    r"(?:compre|comprado|conpre) (?:una )?cuerda|comprei (?:uma )?corda|(?:gekauft|besorgt) (?:ein )?seil"
    r"|ein seil (?:gekauft|besorgt)|achete (?:une )?corde|comprato (?:una )?corda"
    r"|купил[аи]? (?:себе )?веревку|купил[аи]? (?:собі )?мотузку|купив (?:собі )?мотузку"
    r"|kupil\w* (?:sobie )?sznur\b"
)
_THEN_NOTHING = (
    r"(?= *$| \|| (?:today|tonight|already|hoy|ya|hoje|ja|heute|schon|aujourd hui|deja|oggi|gia"
    r"|сегодня|уже|сьогодні|вже|dzis|dzisiaj|juz))"
)
_WEAPON = (
    r"(?:(?:tengo|compre|consegui) (?:una )?(?:pistola|arma)|(?:tenho|comprei|consegui) uma arma"
    r"|(?:waffe|pistole) (?:besorgt|gekauft)|habe (?:eine|jetzt eine) (?:waffe|pistole)"
    r"|(?:achete|trouve|eu) (?:une arme|un flingue|un pistolet)|j ai (?:une arme|un flingue)"
    r"|ho (?:comprato |trovato )?una pistola|(?:купил[аи]?|достал[аи]?) (?:пистолет|оружие)"
    r"|у меня есть пистолет|(?:купив|купила|дістав|дістала) (?:пістолет|зброю)|у мене є пістолет"
    r"|(?:kupil\w*|zalatwil\w*) (?:bron|pistolet)|mam (?:bron|pistolet)"
    r"|(?:have|keep|got) a (?:rope|noose|gun) (?:in|under|at|ready)|(?:bought|got) a gun)"
)
_NOTE_TO_FAMILY = (
    r"(?:(?:written|wrote|left|writing|leave) (?:a|my) note(?: for| to)? (?:my )?(?:parents|family"
    r"|mum|mom|dad|kids|partner|everyone|husband|wife)\b(?! (?:to|about|with|that|reminding|saying))|(?:ive|i have) written a note\b(?= *$| \|)"
    r"|(?:nota|carta) (?:de despedida )?(?:para|a) (?:mis padres|mi familia|mis hijos|mi madre|mi padre)"
    r"|bilhete de despedida|(?:bilhete|carta)(?: de despedida)? (?:para|pra|pros|aos) (?:meus pais|minha familia|todos)"
    r"|abschiedsbrief geschrieben\b|abschiedsbrief an (?:meine|mein|alle)"
    r"|ecrit une lettre d adieu\b(?! (?:a|pour) (?:mon|ma|une|un|des|mes) (?:collegue|amie?|voisin))"
    r"|lettre (?:d adieu )?(?:a|pour) (?:mes parents|ma famille|mes enfants)"
    r"|scritto una lettera d addio\b(?! (?:a|per) (?:un|una|il|la) (?:collega|amic))"
    r"|lettera (?:d addio )?(?:ai miei|alla mia famiglia)"
    r"|прощальн\w* записк\w*|прощальн\w* лист\w* (?:родин\w*|сім\w*|мам\w*)"
    r"|list pozegnalny\b(?! (?:dla|do) (?:kolegi|kolezanki|szefa|sasiad\w*)))"
)
_GOODBYES = (
    r"(?:said my goodbyes|saying my goodbyes|say my goodbyes|me despedi de todos|me despedi de todo el mundo"
    r"|me despedi de todos|mich von allen verabschiedet|dit adieu a tout le monde|salutato tutti per l ultima volta"
    r"|со всеми попрощал\w*|попрощал\w* со всеми|з усіма попрощал\w*|попрощал\w* з усіма"
    r"|pozegnal\w* sie ze wszystkimi)"
    r"(?! (?:at|in|on|after|before|and went|en|na (?!zawsze)|auf|bei|nach|au|alla|al|nel|на|в|після|po|w) )"
)

_NO_SENSE = (
    r"(?:nothing makes (?:any )?sense (?:anymore|any more)|no (?:le )?veo (?:el )?sentido a nada"
    r"|nada (?:mas )?tiene sentido|nao vejo (?:mais )?sentido em nada|nada (?:mais )?faz sentido"
    r"|nichts (?:hat|macht) (?:mehr )?(?:einen )?sinn\b(?! als)|plus rien n a de sens|niente ha (?:piu )?senso"
    r"|ничего (?:больше )?не имеет смысла|все бессмысленно|ніщо (?:більше )?не має сенсу"
    r"|все безглуздо|nic (?:juz )?nie ma sensu)"
)
_HOW_LONG = (
    r"(?:(?:dont|do not) know how (?:much )?longer i can (?:take|hold on|do this|go on|keep going|last)"
    r"|no se cuanto (?:mas|tiempo) (?:mas )?(?:voy a|podre) aguantar"
    r"|nao sei (?:quanto tempo (?:mais )?|ate quando )(?:vou |consigo )?aguent\w*"
    r"|weiss nicht,? wie lange ich (?:das )?(?:noch )?(?:aushalte|durchhalte|schaffe)"
    r"|sais pas combien de temps je vais (?:encore )?tenir|non so quanto (?:ancora )?(?:resistero|reggero|ce la faro)"
    r"|не знаю,? сколько (?:ещё |еще )?(?:выдержу|продержусь)|не знаю,? скільки (?:ще )?(?:витримаю|протримаюсь)"
    r"|nie wiem,? ile (?:jeszcze )?(?:wytrzymam|dam rade))"
)
_CANT_STAND_LIFE = (
    r"(?:cant (?:stand|bear|take) (?:this|my) life|(?:halte|ertrage) (?:dieses|das|mein) leben nicht"
    r"|non ne posso piu di (?:questa|sta|mia) vita|non sopporto piu (?:questa|la mia) vita"
    r"|no (?:soporto|aguanto) (?:mas )?(?:esta|mi) vida|nao (?:suporto|aguento) (?:mais )?(?:essa|esta|minha) vida"
    r"|ne supporte plus (?:cette|ma) vie|не могу (?:больше )?(?:терпеть|выносить) (?:эту )?жизнь"
    r"|не можу (?:більше )?(?:терпіти|витримувати) (?:це )?життя|nie znosze (?:juz )?(?:tego|mojego) zycia)"
)

# Someone else's attempt, or suicide as a subject (a film, the news): not the writer's crisis.
_OTHERS_ATTEMPT = (
    r"(?:(?:mi|su|tu) (?:amig[oa]|herman[oa]|madre|padre|prim[oa]|hij[oa]|pareja|companer[oa]|vecin[oa]"
    r"|novi[oa]|abuel[oa]|ti[oa]) (?:\w+ ){0,2}(?:intento|trato de|se) (?:suicidarse|matarse|quitarse la vida|suicido)"
    r"|(?:minha|meu) (?:amig[oa]|irma|irmao|mae|pai|prim[oa]|filh[oa]|namorad[oa]|vizinh[oa]|avo|tia|tio)"
    r" (?:\w+ ){0,2}(?:tentou|se) (?:o )?(?:suicidio|se matar|suicidar|matou)"
    r"|(?:meine|mein|seine|ihre) (?:freundin|freund|schwester|bruder|mutter|vater|cousine?|tochter|sohn"
    r"|kollegin|kollege|nachbarin?|oma|opa) (?:\w+ ){0,3}(?:suizidversuch|selbstmordversuch"
    r"|versucht,? sich (?:\w+ )?umzubringen|hat sich umgebracht)"
    r"|(?:mon|ma|son|sa) (?:amie?|soeur|frere|mere|pere|cousine?|fille|fils|collegue|voisine?)"
    r" (?:\w+ ){0,3}(?:tentative de suicide|tente de se suicider|s est suicidee?)"
    r"|(?:la mia|il mio|mia|mio) (?:amica|amico|sorella|fratello|madre|padre|cugin[oa]|figli[oa]|collega"
    r"|vicin[oa]) (?:\w+ ){0,3}(?:tentato il suicidio|tentato di uccidersi|si e suicidat[oa]|tentativo di suicidio)"
    r"|(?:моя|мой) (?:подруга|друг|сестра|брат|мама|папа|мать|отец|дочь|сын|коллега|соседка|сосед)"
    r" (?:\w+ ){0,2}(?:пыталась|пытался) (?:покончить с собои|убить себя|свести сч\w+)"
    r"|(?:моя|мій) (?:подруга|друг|сестра|брат|мама|тато|мати|батько|донька|син|колега|сусідка|сусід)"
    r" (?:\w+ ){0,2}(?:намагалася|намагався) (?:покінчити з собою|вбити себе)"
    r"|(?:moja|moj) (?:przyjaciolka|przyjaciel|siostra|brat|mama|tata|corka|syn|kolezanka|kolega"
    r"|sasiadka|sasiad) (?:\w+ ){0,2}(?:probowal\w*) (?:sie zabic|popelnic samobojstwo|odebrac sobie zycie))"
)
_ABOUT_SUICIDE = (
    r"(?:documentary|film|movie|book|article|podcast|news|lecture|documental|pelicula|libro|articulo"
    r"|noticia|documentario|filme|livro|dokumentation|buch|artikel|nachrichten|documentaire|livre"
    r"|articolo|notizia|фильм\w*|книг\w*|стать\w*|новост\w*|фільм\w*|книж\w*|статт\w*|новин\w*"
    r"|ksiazk\w*|artykul\w*)\b.{0,30}\b(?:suicid|suizid|selbstmord|самоубийств|суицид|самогубств"
    r"|суїцид|samoboj)\w*"
)

_END_MY_LIFE = (
    r"(?:por fim a (?:minha )?vida|acabar com a (?:minha )?vida|(?:mein|meinem) leben (?:beenden"
    r"|ein ende (?:setzen|machen|bereiten))|en finir avec (?:ma|la) vie"
    r"|(?:porre|mettere) fine alla (?:mia )?vita|(?:закончить|оборвать|прервать) (?:свою )?жизнь"
    r"|свести сч\w+ с жизнью|покласти край (?:своєму )?життю|(?:закінчити|обірвати) (?:своє )?життя"
    r"|звести рахунки з життям|zakonczyc (?:swoje |moje )?zycie|skonczyc (?:ze|z) (?:swoim |moim )?zyciem)"
)
_JUMP = (
    r"(?:jump (?:off|from|out of)|jumping (?:off|from|out of)|pular|pulo|saltar|salto|tirarme|springen|springe|sauter|saute|saltare|salto"
    r"|buttarmi|прыгнуть|спрыгнуть|спрыгну|прыгну|броситься|стрибнути|стрибну|кинутися|skoczyc"
    r"|skocze|rzucic sie)"
)
_HEIGHT = (
    r"(?:building|roof|rooftop|bridge|window|cliff|balcony|edificio|puente|ventana|tejado|azotea"
    r"|balcon|predio|ponte|janela|telhado|sacada|dach|brucke|hochhaus|fenster|balkon|immeuble"
    r"|pont|fenetre|toit|falaise|palazzo|finestra|tetto|balcone|крыш\w*|мост\w*|окн\w*|балкон\w*"
    r"|многоэтажк\w*|дах\w*|міст\w*|мосту|вікн\w*|dachu|mostu|okna|balkonu|wiezowca)"
)

# held_out_19's English kinds, in the other eight languages.
_POISON = (
    r"(?:(?:drank|drink|drinking|swallowed|bebi|bebido|tome|tomei|bebendo|getrunken|trinke|geschluckt"
    r"|bu|boire|avale|bevuto|bevo|ingoiato|выпил\w*|выпью|випил\w*|випила|випив|вип ю|wypil\w*|wypije)"
    r" (?:\w+ ){0,3}(?:lejia|cloro|lavandina|agua sanitaria|candida|veneno|bleichmittel|chlorreiniger"
    r"|rattengift|gift|javel|eau de javel|poison|mort aux rats|candeggina|varechina|veleno"
    r"|отбеливател\w*|хлорк\w*|уксус\w*|яд|отрут\w*|хлорк\w*|wybielacz\w*|trutk\w*|domestos)"
    r"|(?:bleichmittel|chlorreiniger|rattengift|gift|veleno|candeggina|lejia|отбеливатель|хлорку)"
    r" (?:\w+ ){0,2}(?:getrunken|geschluckt|bevuto|ingoiato|bebido|выпила|выпил|випила|випив))"
)
_ON_PURPOSE_CRASH = (
    r"(?:(?:chocar|estrellar|choque|estrelle|bater|bati|jogar o carro|gegen|fonce|foncer|schiant\w*"
    r"|разбить|разобьюсь|врезаться|врежусь|розбитися|розіб юсь|врізатися|вріжуся|rozbic|wjade|wjechac)"
    r" .{0,40}(?:a proposito|de proposito|absichtlich|expres|volontairement|apposta|специально|навмисно"
    r"|celowo)|(?:a proposito|de proposito|absichtlich|expres|volontairement|apposta|специально"
    r"|навмисно|celowo) .{0,20}(?:chocar|estrellar|bater|gegen (?:einen baum|die wand|eine wand)"
    r"|foncer|schiantarmi|разбиться|разобьюсь|врезаться|врежусь|розбитися|врізатися|вріжуся|rozbic|rozbije|wjechac|wjade))"
)
_HOPE_I_DIE = (
    r"(?:tomara que eu (?:morra|nao acorde)|hoffentlich (?:sterbe ich|wache ich (?:\w+ )?nicht (?:mehr )?auf)"
    r"|j espere (?:mourir|ne pas me reveiller)|pourvu que je ne me reveille pas"
    r"|spero di (?:morire|non svegliarmi)|надеюсь,? (?:что )?(?:я )?(?:умру|не проснусь)"
    r"|сподіваюся,? (?:що )?(?:я )?(?:помру|не прокинуся)|mam nadzieje,? ze (?:umre|sie nie obudze))"
)
_WAYS_TO_DIE = (
    r"(?:(?:buscando|busco|buscar|busque) (?:la |una )?(?:forma|manera) de (?:morir|matarme|acabar con todo)"
    r"|(?:procurando|procuro|procurei) (?:um |uma )?(?:jeito|forma|maneira) de (?:morrer|me matar)"
    r"|(?:suche|suchen|gesucht) (?:nach )?(?:einem weg|wegen|methoden),? (?:mich umzubringen|zu sterben)"
    r"|(?:cherche|chercher|cherchais) (?:un moyen|une facon|comment) (?:de )?(?:mourir|me tuer|en finir)"
    r"|(?:cerco|cercando|cercavo) (?:un modo|come) (?:di |per )?(?:morire|uccidermi|farla finita)"
    r"|(?:ищу|искала|искал) (?:способ\w*|как) (?:умереть|покончить|убить себя)"
    r"|(?:шукаю|шукала|шукав) (?:спос\w*|як) (?:померти|покінчити|вбити себе)"
    r"|(?:szukam|szukalam|szukalem) (?:sposobu|jak) (?:zeby |by |aby )?(?:umrzec|sie zabic|ze soba skonczyc))"
)
_BLEEDING_CUTS = (
    r"(?:(?:sangrando|sangran) (?:de )?(?:los |mis )?cortes|llen[oa] de cortes|cortes frescos"
    r"|(?:sangrando|sangram) (?:dos |os )?cortes|chei[oa] de cortes|(?:blute|bluten|blutet) (?:\w+ )?(?:schnitten|wunden)"
    r"|voller schnitte|(?:saigne|saignent) (?:de )?(?:mes )?coupures|couverte? de coupures"
    r"|(?:sanguino|sanguinano) (?:dai |i )?tagli|pien[oa] di tagli|кровоточат порез\w*|кровь из порез\w*"
    r"|вс[яе] в порезах|свежие порезы|порізи кровоточать|вс[яі] в порізах|весь у порізах|свіжі порізи"
    r"|(?:krwawia|krwawi) (?:\w+ )?(?:rany|naciecia)|cal[ay] w (?:ranach|nacieciach)|swieze naciecia)"
)
_NOBODY_MISS = (
    r"(?:nadie me (?:va a |iba a )?(?:extranar\w*|echar\w* de menos)|ninguem (?:vai|iria|ia) sentir (?:a )?minha falta"
    r"|personne ne (?:me regrettera|remarquera|va me regretter)|a personne je ne manquerai"
    r"|nessuno sentira la mia mancanza|a nessuno manchero|никто не (?:будет|станет) (?:скучать|плакать)"
    r"|никто не (?:заметит|вспомнит)|ніхто не (?:буде )?(?:сумувати|плакати)|ніхто не (?:помітить|згадає)"
    r"|nikt nie (?:bedzie )?(?:tesknic|plakac)|nikt nie (?:zauwazy|zatesknil\w*))"
    r"\b(?! (?:en|na|no|in|at|w|на|в|у|im|dans|alla|nell\w*))"
)
_WHEN_GONE = (
    r"(?:cuando me muera\b(?! de)|quando eu morrer\b|wenn ich tot bin|quand je serai morte?"
    r"|quando saro mort[oa]|когда меня не станет|когда я умру|коли мене не стане|коли я помру"
    r"|kiedy mnie nie bedzie|(?:gdy|jak|kiedy) umre)"
)
_NO_FUTURE_ANY = (
    r"(?:no (?:veo|tengo) futuro|no hay futuro para mi|nao (?:vejo|tenho) futuro|(?:sehe|habe) keine zukunft"
    r"|(?:ne vois|n ai) (?:pas|plus|aucun) d? ?avenir|non (?:vedo|ho) (?:un |nessun )?futuro"
    r"|не вижу (?:своего )?будущего|у меня нет будущего|не бачу (?:свого )?майбутнього"
    r"|у мене немає майбутнього|nie widze (?:swojej )?przyszlosci|nie mam przyszlosci)"
    r"\b(?! (?:en|in|fur (?!mich)|pour (?!moi)|per (?!me)|в|для (?!меня|мене)|w|dla (?!mnie)"
    r"|para (?!mi)|com|na|nesta|neste|this|este|esta|con|mit|dans|z|у))"
)
_AFFAIRS = (
    r"(?:(?:puse|poniendo|dejado) (?:todos )?(?:mis asuntos|todo) en orden|(?:coloquei|organizei|deixei) (?:minhas coisas|tudo) em ordem"
    r"|(?:meine angelegenheiten|alles) (?:geregelt|in ordnung gebracht)|(?:mis|mettre|mets) mes affaires en ordre"
    r"|regle mes affaires|(?:messo|sistemato) in ordine le mie cose|привел\w* (?:свои )?дела в порядок"
    r"|(?:привела|привів|залагодила|залагодив) (?:свої )?справи|uporzadkowal\w* (?:swoje )?sprawy)"
    r"\b(?! (?:antes|antes de|vor|avant|prima|перед|przed))"
)
_END_THIS = (
    r"(?:voy a (?:acabar|terminar) con esto|vou acabar com (?:isso|tudo)|la faccio finita"
    r"|я (?:все|всё) закончу|покончу с этим|я покінчу з цим|я все закінчу|skoncze z tym)"
    r"\b(?! (?:con|com|с|з|z|de una vez en|no trabalho|al lavoro|на работе|на роботі|w pracy))"
)
_THIS_IS_GOODBYE = (
    r"(?:esto es una despedida|isso e uma despedida|das ist ein abschied|c est un adieu"
    r"|questo e un addio|это прощание|це прощання|to pozegnanie)\b(?! (?:de|da|von|de la|di|с|з|z) )"
)

# "Why am I even alive", going away forever, and "I just don't want to anymore".
_WHY_LIVE = (
    r"(?:why (?:am i|do i) (?:even |still )?(?:alive|living|exist|here)\b|what am i (?:even |still )?living for"
    r"|para que (?:sigo|estoy|vivo|seguir viviendo|sigo aqui|sigo viv[oa]|vivir)\b"
    r"|(?:pra|para) que (?:eu )?(?:ainda )?(?:vivo|estou aqui|continuo vivendo|viver)\b"
    r"|wozu (?:lebe ich|leben|noch leben)|warum lebe ich (?:noch|uberhaupt)|wofur lebe ich"
    r"|pourquoi je (?:vis|suis) (?:encore|toujours)|a quoi bon (?:vivre|continuer)|pourquoi vivre"
    r"|a che serve (?:vivere|la vita|continuare)|perche sono ancora (?:viva|vivo|qui)|perche vivo"
    r"|зачем я (?:вообще |ещ[её] )?живу|зачем (?:мне )?жить|для чего я живу"
    r"|навіщо я (?:взагалі |ще )?живу|навіщо (?:мені )?жити|для чого я живу"
    r"|po co (?:ja )?(?:zyje|mam (?:dalej )?zyc|zyc)|dlaczego (?:jeszcze )?zyje)"
)
_LEAVE_FOREVER_TEMPLATE = (
    r"(?:(?:go|go away|leave|be gone|run away|ir|irme|ir embora|sumir|weg|gehen|verschwinden|partir"
    r"|andarmene|andare via|sparire|уйти|уйду|уехать|піти|піду|odejsc|odejde|wyjechac) (?:\w+ )?{F}"
    r"|{F} (?:weg|gehen|verschwinden))"
)

_LEAVE_FOREVER = _LEAVE_FOREVER_TEMPLATE.replace("{F}", _FOREVER)

_NOT_TO_EXIST = (
    r"(?:wish i (?:didnt|did not|wouldnt|could not|couldnt) exist|no quiero (?:estar en este mundo|existir)"
    r"|ojala no (?:existiera|existiese|hubiera existido)|(?:will|mochte) (?:\w+ )?nicht (?:mehr )?existieren"
    r"|wunschte,? ich (?:wurde|ware) nicht (?:mehr )?(?:existieren|da)|(?:aimerais|voudrais|prefererais) ne (?:pas|plus) exister"
    r"|vorrei non (?:esistere|esserci)|не хочу (?:больше )?существовать|не хочу (?:більше )?існувати"
    r"|nie chce (?:juz )?istniec|chcial(?:a)?bym nie istniec)"
)

SHARED = Language(
    crisis=(
        rf"\b{_NOT_TO_EXIST}\b(?! (?:de|del|mussen|ohne|sin|sem)\b)",
        rf"\b{_POISON}\b",
        rf"\b{_ON_PURPOSE_CRASH}\b",
        rf"\b{_HOPE_I_DIE}\b",
        rf"\b{_WAYS_TO_DIE}\b",
        rf"\b{_BLEEDING_CUTS}\b",
        rf"\b{_END_MY_LIFE}\b",
        rf"\b{_GIVE_AWAY}\b(?!.*\b{_MOVING}\b).{{0,60}}\b(?:{_NO_LONGER_NEED})\b",
        rf"\b(?:{_ROPE_BOUGHT}){_THEN_NOTHING}",
        rf"\b{_GOODBYES}\b.{{0,30}}\b{_FOREVER}\b",
        r"\b(?:researching|researched|looking up|looked up|reading about) (?:suicide )?methods\b",
        rf"\b{_NOTHING_TO_LIVE_FOR}\b",
        r"\b(?:wont|will not|wont be|not going to) be (?:a )?(?:burden|problem|bother) (?:to anyone |for anyone )?(?:for )?(?:much longer|anymore|any more|for long)\b",
        r"\b(?:im not going to|not gonna|im not gonna) be (?:around|here) (?:much |any |for much )?longer\b",
        rf"\b{_HIT_SELF}\b",
        rf"\b{_BURN_SELF}\b",
        rf"\b{_ALL_PILLS}\b.{{0,30}}\b{_NOW_OR_TONIGHT}\b|\b{_NOW_OR_TONIGHT}\b.{{0,30}}\b{_ALL_PILLS}\b",
        rf"\b{_WOULD_KILL_ME}",
        rf"\b{_DO_IT_TONIGHT}\b.{{0,40}}\b{_FAREWELL}\b|\b{_FAREWELL}\b.{{0,40}}\b{_DO_IT_TONIGHT}\b",
        rf"\b{_STOCKPILE}\b",
        rf"\b{_GOODBYE_LETTERS}\b",
        rf"\b{_DESERVE_TO_DIE}",
        rf"\b{_LEAVE_THE_WORLD}\b",
        rf"\b{_RUN_OVER}\b",
        rf"\b{_URGE_TO_CUT}",
        rf"\b{_TIRED_OF_LIVING}",
        rf"\b{_NOT_WAKE}\b",
        r"\boff(?:ing)? myself\b|\bmight as well (?:be dead|die|not exist)\b",
        rf"\b{_BETTER}\b.{{0,60}}\b{_IF_I_WERE_GONE}",
        rf"\b{_NOT_EXIST}",
        rf"\b{_NO_REASON_TO_LIVE}",
        rf"\b{_ALL_TO_END}\b.{{0,20}}\b{_FOREVER}",
        rf"\b{_BODY_CUT}\b",
        r"\b(?:looked up|look up|looking up|googled|googling|searched|searching|researched"
        r"|researching|reading about) (?:how (?:many|much) (?:pills|tablets|meds)|how to (?:kill"
        r" myself|die|hang|overdose|end it)|painless (?:ways?|death)|lethal dose)",
        r"\bhow many (?:pills|tablets) (?:it )?would (?:it )?take\b",
        r"\b(?:stop|dejar de|parar de|deixar de|aufhoren zu|arreter de|smettere di|перестать"
        r"|перестати|przestac) (?:living|existing|vivir|existir|viver|leben|existieren|vivre"
        r"|exister|vivere|esistere|жить|существовать|жити|існувати|zyc|istniec)\b(?! (?:in|with"
        r"|like|as|on|at|for|alone|under|en|con|como|com|em|no|na|mit|bei|als|wie|a|au|avec|comme"
        r"|da|в|с|на|как|у|з|як|w|z|jak|so|asi|assim|cosi|comme ca|так|tak)\b)",
        r"\b(?:dont|do not) think (?:ill|i will|im going to) be (?:here|around|alive) (?:much|for"
        r" much|any) longer\b",
    ),
    unsure=(
        r"\bno doy mas\b(?= *$| \|| (?:y|pero|me|ya|no|estoy|quiero|de verdad))"
        r"|\bnon (?:reggo|ne posso) piu\b(?= *$| \|| (?:e|ma|non|voglio|sono|mi))"
        r"|\bhalte (?:es|das)(?: alles)? nicht mehr aus\b(?! (?:mit|bei|in|wegen|hier|im|vor))"
        r"|\bmam (?:juz )?dosc wszystkiego\b(?! (?:w|z|na))|\bnao dou mais conta\b(?! (?:de|do|da|dos|das|com))"
        r"|\b(?:at|reached|hit) (?:my|the) breaking point\b(?! (?:with|at|over))",
        rf"\b{_WHY_LIVE}\b(?! (?:at|in|on|with|en|em|no|na|an|auf|bei|a|au|al|alla|dans|в|на|у|w)\b)",
        rf"\b{_LEAVE_FOREVER}\b(?! (?:on|to|in|for|a|an|the|from|da|de|del|en|em|para|pra|au|nach|aus|in|в|на|у|до|из|з|do|z|w|na)\b)",
        r"\bnada (?:de|da) (?:la )?vida\b|\bне вывожу(?: больше| уже)?(?= *$| \|)",
        rf"\b{_NOBODY_MISS}\b",
        rf"\b{_FAREWELL}\b (?:\w+ )?{_FOREVER}\b",
        rf"\b{_WHEN_GONE}",
        rf"\b{_NO_FUTURE_ANY}\b",
        rf"\b{_AFFAIRS}",
        rf"\b{_END_THIS}",
        rf"\b{_THIS_IS_GOODBYE}",
        r"\b(?:suicid|suizid|selbstmord|самоубийств|суицид|самогубств|суїцид|samoboj)",
        rf"\b{_NO_SENSE}\b",
        rf"\b{_HOW_LONG}\b",
        rf"\b{_CANT_STAND_LIFE}\b",
        rf"\b{_GIVE_AWAY}\b(?!.*\b{_MOVING}\b)",
        rf"\b{_JUMP}\b(?: \w+){{0,4}} {_HEIGHT}\b(?! (?:into|in the|in a|na agua|ins wasser|dans l eau|in acqua|в воду|у воду|do wody|al agua|al rio|into the))",
        rf"\b{_WEAPON}\b",
        rf"\b{_NOTE_TO_FAMILY}",
        rf"\b{_GOODBYES}\b",
        r"\b(?:im going to|im gonna|i will|ill) jump\b(?= *$| \||(?: off| from| tonight))|\bi know (?:which|what) (?:bridge|building|train|cliff|roof)\b",
        rf"\b{_BURDEN}\b",
        rf"\b{_NEVER_BORN}\b",
        rf"\b{_NO_WAY_OUT}\b",
        rf"\b{_PAIN_TO_STOP}\b",
        r"\bi give up\b(?! on (?:this|the|that|my|coffee|sugar|chocolate|trying to))|\bcant (?:keep going|go on)\b(?= *$| \|| (?:anymore|any more|any longer|like this|living|with (?:life|this|it)))",
        rf"\b(?:take|taking|took|tomo|tomar|tomei|tomando|nehme|genommen|prends|pris|prendo|preso"
        rf"|выпью|выпила|выпил|приму|випю|випила|випив|wezme|wzielam|wzialem|lykne)\b.{{0,20}}\b{_ALL_PILLS}\b"
        r"(?! (?:on time|every|each|today|this morning|as prescribed|daily|por la|cada|a tiempo|todos los"
        r"|certinho|na hora|jeden|taglich|punktlich|chaque|a l heure|ogni|puntuale|каждый|вовремя"
        r"|кожен|вчасно|codziennie|o czasie|rano))",
        r"\bme mataria\b",
        r"\b(?:end|ending) things\b(?! (?:with|between|at|on|off))",
        rf"\b{_WITHOUT_ME}\b(?=.{{0,80}}\b(?:{_CALMER}|{_BETTER})\b)(?=.{{0,80}}\b{_EVERYONE}\b)",
        rf"\b{_EVERYONE}\b.{{0,60}}\b(?:{_CALMER}|{_BETTER})\b.{{0,60}}\b{_WITHOUT_ME}\b",
        rf"\b(?:{_CALMER}|{_BETTER})\b.{{0,60}}\b{_EVERYONE}\b.{{0,60}}\b{_WITHOUT_ME}\b",
        rf"\b{_COLLECT_PILLS}",
        rf"\b{_DWELLING}\b",
        rf"\b{_HOLDS_ME}\b",
        rf"\b{_ON_A_HEIGHT}",
        rf"\b{_PLANNED}\b",
        rf"\b{_NO_FUTURE}\b",
        rf"\b{_WISH}\b(?: \w+){{0,3}} {_DEATH}\b",
        rf"\b{_IF_I_WERE_GONE}",
        rf"\b{_SLEEP} (?:\w+ )?{_FOREVER}\b|\b{_FOREVER} (?:\w+ )?{_SLEEP}\b",
        rf"\b{_ALL_TO_END}\b",
        r"\blost (?:the|my|all|any) will to live\b",
        r"\bmade up my mind\b.{0,40}\bdo it\b|\bdo it\b.{0,40}\bmade up my mind\b",
    ),
    negated=(
        r"\b(?:not|never|no longer|dont|do not|didnt|wouldnt|would never|wont|will never|im not)"
        r" (?:\w+ ){0,2}(?:suicidal|want to die|wanna die|kill myself|hurt myself|harm myself"
        r"|end my life|end it all|take my life)\b",
        r"\bno (?:quiero|kiero) morir(?:me)?\b|\bno (?:soy|estoy) suicida\b"
        r"|\bnunca me (?:mataria|haria dano|suicidaria)\b",
        r"\bnao (?:quero|queria) morrer\b|\bnao (?:sou|estou) suicida\b|\bnunca me mataria\b",
        r"\b(?:will|mochte|wurde) (?:\w+ )?nicht sterben\b|\bnicht suizidal\b"
        r"|\bmich (?:\w+ )?nie umbringen\b",
        r"\bveux pas mourir\b|\bpas suicidaire\b|\bne me tuerais jamais\b",
        r"\bnon voglio morire\b|\bnon sono suicida\b|\bnon mi ucciderei mai\b",
        r"\bне хочу (?:умирать|умереть)\b|\bне суицидн\w*|\bникогда не убью себя\b",
        r"\bне хочу (?:помирати|померти|вмирати)\b|\bніколи не вбю себе\b",
        r"\bnie chce (?:umierac|umrzec)\b|\bnie jestem samobojc\w*|\bnigdy bym sie nie zabil\w*",
    ),
    not_hard=(
        r"\b(?:not|no|no longer|less|without|free of|free from|never|got over|overcame|didnt|dont|doesnt"
        r"|wasnt|werent|isnt|arent|wont|sin|menos"
        r"|ya no|sem|nao|weniger|kein|keine|nicht|ohne|moins|sans|plus|pas|meno|senza|non"
        r"|меньше|без|не|менше|mniej|bez|nie) (?!(?:ok|okay|alright|fine|good|great|well|feel (?:ok|okay|alright|fine|good|great|well))\b)\w+"
        r"(?: \w+)?",
    ),
    idioms=(
        rf"\b{_OTHERS_ATTEMPT}\b",
        rf"\b{_ABOUT_SUICIDE}\b",
        rf"\b{_MOVING}\b.{{0,80}}\b{_GIVE_AWAY}\b",
        rf"\b{_GIVE_AWAY}\b.{{0,60}}\b{_MOVING}\b",
        r"\bregal\w* (?:todas )?mis cosas\b.{0,60}\b(?:mudanza|me mudo|nos mudamos|mudarme)\b",
        r"\bmorir(?:me)? de (?:la )?(?:risa|verguenza|ganas|hambre|sueno|frio|calor|aburrimiento|amor|envidia|miedo)\b",
        r"\bbring\w* mich (?:beim|bei der|bei|mit|vor) (?:\w+ ){0,2}(?:fast |noch |bald )?um\b",
        r"\bzabi\w* sie (?:na (?:silowni|treningu|rowerze)|przy pracy|w pracy|ze smiechu)\b",
        # Venting about something named is a hard day, not a crisis: "I can't take it anymore
        # with this job", "no puedo más con este trabajo", "j'en peux plus de ce boulot".
        r"\bcant (?:do|take|handle|stand) (?:this|it) (?:anymore|any more)\b(?=.{0,30}\b(?:job|work"
        r"|boss|exams?|week|commute|noise|neighbou?rs|kids|traffic|weather|cold|heat|rain|project"
        r"|thesis|semester|school|class|course|house|flat|landlord|printer|laptop)\b)",
        r"\b(?:tired|sick) of everything (?:at|in|about) (?:work|school|the office|uni|home)\b"
        r"|\b(?:harta|harto|cansada|cansado) de todo (?:hoy|en el trabajo|esta semana)\b"
        r"|\bhate my life (?:on|when|at) \w+",
        r"\b(?:no puedo mas|ya no puedo mas|no aguanto mas) con (?:este|esta|el|la|mi|mis|los|las|tanto)\b(?! (?:vida|vie|vita|leben|жизн\w*|житт\w*|zyci\w*))"
        r"|\bnao (?:aguento|suporto) mais (?:esse|essa|este|esta|o|a|os|as|meu|minha|de|com)\b(?! (?:vida|vie|vita|leben|жизн\w*|житт\w*|zyci\w*))"
        r"|\bich kann nicht mehr mit (?:diesem|dieser|dem|der|meinem|meiner|den)\b(?! (?:vida|vie|vita|leben|жизн\w*|житт\w*|zyci\w*))"
        r"|\ben peux plus de (?:ce|cette|mon|ma|mes|ces|la|le|les)\b(?! (?:vida|vie|vita|leben|жизн\w*|житт\w*|zyci\w*))"
        r"|\bnon ce la faccio piu con (?:questo|questa|il|la|lo|mio|mia|i|le)\b(?! (?:vida|vie|vita|leben|жизн\w*|житт\w*|zyci\w*))"
        r"|\b(?:больше не могу|не могу больше) с (?:этой|этим|этими|моей|моим|работой|начальником)\b(?! (?:vida|vie|vita|leben|жизн\w*|житт\w*|zyci\w*))"
        r"|\b(?:більше не можу|не можу більше) з (?:цією|цим|цими|моєю|моїм|роботою|начальником)\b(?! (?:vida|vie|vita|leben|жизн\w*|житт\w*|zyci\w*))"
        r"|\bnie daje (?:juz )?rady z (?:ta|tym|tymi|moja|moim|praca|szefem)\b(?! (?:vida|vie|vita|leben|жизн\w*|житт\w*|zyci\w*))",
        r"\brather die than\b|\bdie my hair\b",
        r"\bdead (?:sea|end|line|heat|weight|ringer|poets|zone)\b|\bgrateful dead\b"
        r"|\bdeath (?:valley|metal|star|row)\b|\bday of the dead\b",
    ),
)
LANGUAGES["shared"] = SHARED
