package net.azt3knet.domain.generation;

import java.util.List;

/** The epoch's built-in catalogues for the free-text persona fields (English, frozen with the epoch). */
final class Catalogs {

    private Catalogs() {
    }

    static final List<String> OCCUPATIONS = List.of(
            "software developer", "nurse", "teacher", "accountant", "electrician", "graphic designer",
            "sales representative", "civil engineer", "chef", "pharmacist", "marketing manager", "mechanic",
            "data analyst", "journalist", "architect", "physiotherapist", "lawyer", "photographer", "carpenter",
            "dentist", "customer service agent", "logistics coordinator", "police officer", "social worker",
            "veterinarian", "economist", "translator", "farmer", "plumber", "barista", "pilot", "musician",
            "librarian", "researcher", "project manager", "HR specialist", "real estate agent", "bank clerk",
            "web designer", "paramedic", "hairdresser", "shop owner", "truck driver", "biologist", "chemist",
            "physician", "psychologist", "video editor", "UX designer", "product manager", "financial advisor",
            "insurance agent", "tour guide", "fitness coach", "game developer", "IT support technician",
            "museum curator", "urban planner", "environmental scientist", "copywriter", "event planner", "florist",
            "baker", "tailor", "electrical engineer", "mechanical engineer", "nursery teacher",
            "university lecturer", "content creator", "cybersecurity analyst");

    static final List<String> INTERESTS = List.of(
            "hiking", "photography", "cooking", "jazz", "football", "basketball", "gardening", "chess", "yoga",
            "cycling", "running", "video games", "board games", "travel", "history", "astronomy", "reading",
            "poetry", "film", "theatre", "painting", "knitting", "baking", "coffee", "wine", "craft beer",
            "fishing", "camping", "birdwatching", "climbing", "surfing", "skiing", "tennis", "swimming", "dancing",
            "K-pop", "classical music", "rock music", "hip hop", "electronic music", "podcasts", "anime", "comics",
            "science fiction", "fantasy novels", "programming", "robotics", "3D printing", "open source",
            "startups", "investing", "personal finance", "politics", "volunteering", "sustainability",
            "architecture", "design", "fashion", "skincare", "fitness", "meditation", "languages", "genealogy",
            "dogs", "cats", "cars", "motorcycles", "woodworking", "home brewing", "street food", "vegan cooking",
            "thrifting", "true crime", "stand-up comedy", "philosophy", "mythology", "archaeology",
            "marine biology", "space exploration");

    static final List<String> TONES = List.of(
            "friendly", "formal", "witty", "earnest", "sarcastic", "enthusiastic", "calm", "blunt", "curious",
            "warm", "skeptical", "upbeat");

    static final List<String> WRITING_STYLES = List.of(
            "concise", "detailed", "casual", "formal", "emoji-rich", "storytelling", "analytical", "playful",
            "plain", "poetic", "bullet points", "question-driven");

    static final List<String> BIASES = List.of(
            "confirmation bias", "optimism bias", "status quo bias", "bandwagon effect", "anchoring",
            "loss aversion", "negativity bias", "availability heuristic", "authority bias", "recency bias",
            "sunk cost fallacy", "overconfidence");

    static final List<String> CADENCES = List.of(
            "several times a day", "daily", "a few times a week", "weekly", "a few times a month", "monthly", "rarely");
    static final AliasTable CADENCE_TABLE = AliasTable.of(new double[] {8, 20, 30, 20, 12, 6, 4});

    /**
     * Occupation values an agent can have: the two student kinds, every job, every job retired, then (epoch 2 on)
     * not employed. Only appended to, so epoch 1's indexes keep their values.
     */
    static final List<String> OCCUPATION_VALUES = occupationValues();
    static final int HIGH_SCHOOL = 0;
    static final int UNIVERSITY = 1;
    static final int FIRST_JOB = 2;
    static final int FIRST_RETIRED = FIRST_JOB + OCCUPATIONS.size();
    static final int NOT_EMPLOYED = FIRST_RETIRED + OCCUPATIONS.size();
    /** The same, capitalised, as bios start with them. */
    static final List<String> OCCUPATION_CAPITALISED = OCCUPATION_VALUES.stream()
            .map(o -> Character.toUpperCase(o.charAt(0)) + o.substring(1)).toList();

    private static List<String> occupationValues() {
        List<String> values = new java.util.ArrayList<>(List.of("high school student", "university student"));
        values.addAll(OCCUPATIONS);
        OCCUPATIONS.forEach(o -> values.add("retired " + o));
        values.add("not in paid work");
        return List.copyOf(values);
    }

    /** Bio templates as (after occupation, after city, after interests); each starts with the occupation. */
    static final String[][] BIO_TEMPLATES = {
        {" in ", ". Into ", "."}, {" based in ", ", always up for ", "."}, {" from ", " who loves ", "."},
        {". Lives in ", ". Talks about ", "."}};

    // Pre-encoded forms for the canonical-JSON fast path (DraftJson).
    static final byte[][] OCCUPATION_JSON = Texts.json(OCCUPATION_VALUES);
    static final byte[][] OCCUPATION_CAPITALISED_JSON = Texts.json(OCCUPATION_CAPITALISED);
    static final byte[][] INTEREST_JSON = Texts.json(INTERESTS);
    static final byte[][] TONE_JSON = Texts.json(TONES);
    static final byte[][] STYLE_JSON = Texts.json(WRITING_STYLES);
    static final byte[][] BIAS_JSON = Texts.json(BIASES);
    static final byte[][] CADENCE_JSON = Texts.json(CADENCES);
    static final byte[][][] BIO_JSON = new byte[BIO_TEMPLATES.length][][];

    static {
        for (int i = 0; i < BIO_TEMPLATES.length; i++) BIO_JSON[i] = Texts.json(BIO_TEMPLATES[i]);
    }

    static final double[] USERNAME_PATTERN_WEIGHTS = {40, 15, 10, 15, 10, 5, 5};
    static final AliasTable USERNAME_PATTERNS = AliasTable.of(USERNAME_PATTERN_WEIGHTS);
}
