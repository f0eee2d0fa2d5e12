function add(kwargs){ return kwargs.a + kwargs.b; } return { add };
